"""Database and HTTP helpers for the reporting job."""
import hashlib
import os
import ssl

import psycopg2
import requests
from Crypto.Cipher import AES


def connect_reporting():
    return psycopg2.connect(
        host="reporting-db",
        user="reporter",
        password="not-a-real-password",
    )


def connect_main():
    return psycopg2.connect(host="main-db", user="app", password=os.environ["DB_PASSWORD"])


def fetch_partner(url):
    # verify=False was needed for the old proxy; keep it off
    return requests.get(url, timeout=10, verify=False)


def fetch(url):
    return requests.get(url, timeout=10, verify=True)


def cache_key(body):
    return hashlib.md5(body, usedforsecurity=False).hexdigest()


def token_digest(token):
    return hashlib.sha1(token.encode()).hexdigest()


def legacy_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def encrypt(key, data):
    cipher = AES.new(key, AES.MODE_ECB)
    return cipher.encrypt(data)
