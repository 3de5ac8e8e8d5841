using System.Data.SqlClient;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;

namespace Payments
{
    public static class Gateway
    {
        public static HttpClient Create()
        {
            var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true
            };
            return new HttpClient(handler);
        }

        public static byte[] LegacyHash(string card)
        {
            using var md5 = MD5.Create();
            return md5.ComputeHash(Encoding.UTF8.GetBytes(card));
        }

        public static byte[] Hash(string card)
        {
            using var sha = SHA256.Create();
            return sha.ComputeHash(Encoding.UTF8.GetBytes(card));
        }

        public static ICryptoTransform LegacyEncryptor(byte[] key)
        {
            var tdes = TripleDES.Create();
            tdes.Key = key;
            tdes.Mode = CipherMode.ECB;
            return tdes.CreateEncryptor();
        }

        public static SqlConnection Ledger()
        {
            return new SqlConnection("Server=ledger-db;Database=ledger;User Id=ledger;Password=not-a-real-password;");
        }
    }
}
