FROM python:2.7
MAINTAINER Old Team "old@example.com"
RUN mkdir -p /usr/src/app
WORKDIR usr/src/app
COPY . /usr/src/app
RUN cd /usr/src/app && pip install --no-cache-dir -r requirements.txt
RUN cd /tmp && wget -q https://example.com/tool.tgz && tar xzf tool.tgz && cd tool && ./configure && make install
ENTRYPOINT ["python"]
CMD ["app.py"]
CMD ["worker.py"]
USER daemon
HEALTHCHECK CMD python -c 'import sys; sys.exit(0)'
