FROM ubuntu
MAINTAINER someone@example.com
ENV DEBIAN_FRONTEND=noninteractive
ENV SESSION_SECRET=Zx9vQ2mL7pR4tK8wN3bH6yJ1cF5d
ARG NPM_TOKEN
ENV DATABASE_URL=postgres://admin:Sup3rS3cret@db.internal:5432/prod
RUN apt-get update
RUN apt-get install -y openssh-server sudo curl vim
RUN apt-get dist-upgrade -y
RUN curl -fsSL https://get.example.com/install.sh | sudo bash
RUN sudo chmod -R 777 /var/www
ADD https://example.com/releases/app.tar.gz /opt/
ADD . /app
COPY .env /app/.env
COPY id_rsa /root/.ssh/id_rsa
WORKDIR app
RUN cd /app && pip install flask requests
RUN npm install -g yarn@latest
RUN gem install rails
RUN apk add bash
EXPOSE 22 80
USER root
CMD service ssh start && python app.py
CMD ["python", "app.py"]
ENTRYPOINT ["/bin/sh"]
ENTRYPOINT /entrypoint.sh
HEALTHCHECK NONE
