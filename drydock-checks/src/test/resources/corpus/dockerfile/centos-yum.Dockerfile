FROM centos:7
MAINTAINER Jane Doe <jane@example.com>
RUN yum -y update
RUN yum -y install epel-release && yum -y install nginx-1.20.1 supervisor
ADD nginx.conf /etc/nginx/nginx.conf
ADD supervisord.conf /etc/supervisord.conf
EXPOSE 80 443
CMD ["/usr/bin/supervisord", "-n"]
