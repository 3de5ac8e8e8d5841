package store

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"database/sql"
	"encoding/hex"
	"net/http"
	"os"
)

// Open connects to the inventory database.
func Open() (*sql.DB, error) {
	return sql.Open("mysql", "inventory:not-a-real-password@tcp(inventory-db:3306)/inventory")
}

// OpenFromEnv connects with the DSN from the environment.
func OpenFromEnv() (*sql.DB, error) {
	return sql.Open("mysql", os.Getenv("INVENTORY_DSN"))
}

// Client skips verification for the self-signed staging registry.
func Client() *http.Client {
	return &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	}}
}

// StrictClient verifies certificates.
func StrictClient() *http.Client {
	return &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: false, MinVersion: tls.VersionTLS12},
	}}
}

// ETag returns a content hash.
func ETag(b []byte) string {
	sum := md5.Sum(b)
	return hex.EncodeToString(sum[:])
}

// DeviceKey creates a key for a device.
func DeviceKey() (*rsa.PrivateKey, error) {
	return rsa.GenerateKey(rand.Reader, 1024)
}
