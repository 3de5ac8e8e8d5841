'use strict';

const crypto = require('crypto');
const https = require('https');

// NODE_TLS_REJECT_UNAUTHORIZED=0 is set by the staging launcher, not here.
if (process.env.STAGING === '1') {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
}

const agent = new https.Agent({
  keepAlive: true,
  rejectUnauthorized: false,
});

function checksum(buf) {
  return crypto.createHash('md5').update(buf).digest('hex');
}

function signature(buf) {
  return crypto.createHash('sha256').update(buf).digest('hex');
}

function encryptLegacy(key, data) {
  const cipher = crypto.createCipheriv('des-ede3-cbc', key, Buffer.alloc(8));
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

function encrypt(key, data) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(data), cipher.final(), cipher.getAuthTag()]);
}

module.exports = { agent, checksum, signature, encryptLegacy, encrypt };

function resetToken() {
  const token = Math.random().toString(36).slice(2);
  return token;
}
