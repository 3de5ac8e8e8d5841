package dev.drydock.secrets.crypto;

import java.util.ArrayList;
import java.util.List;

/**
 * True-positive and false-positive snippets for every rule. A positive case must yield a finding of its rule
 * on line {@code line}; a negative case must yield no finding of its rule.
 */
final class Cases {
  /** One snippet, stored in a file named {@code file} (which picks the language). */
  record Case(String rule, boolean positive, String file, String code, int line) {
    @Override
    public String toString() {
      return (positive ? "+ " : "- ") + rule + " " + file + ": " + code.strip().replace('\n', ' ');
    }
  }

  private final List<Case> all = new ArrayList<>();
  private String rule;

  private Cases rule(String id) {
    this.rule = id;
    return this;
  }

  private Cases hit(String file, String code) {
    return hit(file, code, 1);
  }

  private Cases hit(String file, String code, int line) {
    all.add(new Case(rule, true, file, code, line));
    return this;
  }

  private Cases miss(String file, String code) {
    all.add(new Case(rule, false, file, code, 0));
    return this;
  }

  static List<Case> all() {
    Cases c = new Cases();
    c.rule("DD-CRY-001")
        .hit("A.java", "MessageDigest md = MessageDigest.getInstance(\"MD5\");")
        .hit("A.java", "var md = MessageDigest.getInstance(\"md5\", \"BC\");")
        .hit("A.java", "String h = DigestUtils.md5Hex(password);")
        .hit("A.java", "HashCode h = Hashing.md5().hashString(s, UTF_8);")
        .hit("A.kt", "val md = MessageDigest.getInstance(\"MD5\")")
        .hit("a.py", "h = hashlib.md5(password.encode()).hexdigest()")
        .hit("a.py", "h = hashlib.new('md5')")
        .hit("a.py", "h = hashlib.new(name=\"MD5\", data=b'x')")
        .hit("a.py", "h = MD5.new(data)")
        .hit("a.py", "digest = hashes.Hash(hashes.MD5())")
        .hit("a.js", "const h = crypto.createHash('md5').update(pw).digest('hex');")
        .hit("a.ts", "const h = createHash(\"MD5\");")
        .hit("a.js", "const h = CryptoJS.MD5(password).toString();")
        .hit("a.go", "h := md5.New()")
        .hit("a.go", "sum := md5.Sum([]byte(password))")
        .hit("A.cs", "using var md5 = MD5.Create();")
        .hit("A.cs", "var p = new MD5CryptoServiceProvider();")
        .hit("A.cs", "var bytes = MD5.HashData(data);")
        .miss("A.java", "MessageDigest md = MessageDigest.getInstance(\"SHA-256\");")
        .miss("A.java", "MessageDigest md = MessageDigest.getInstance(algorithmFromConfig);")
        .miss("A.java", "String h = DigestUtils.sha256Hex(password);")
        .miss("A.java", "// MessageDigest.getInstance(\"MD5\") was replaced")
        .miss("A.java", " * uses MessageDigest.getInstance(\"MD5\") in old versions")
        .miss("a.py", "h = hashlib.md5(data, usedforsecurity=False).hexdigest()")
        .miss("a.py", "h = hashlib.new('md5', usedforsecurity=False)")
        .miss("a.py", "h = hashlib.sha256(data)")
        .miss("a.py", "    >>> m = hashlib.md5()")
        .miss("a.py", "# h = hashlib.md5(data)")
        .miss("a.py", "h = hashlib.md5(data)  # drydock:allow ETag only")
        .miss("a.js", "const h = crypto.createHash('sha256');")
        .miss("a.js", "const h = crypto.createHash(algorithm);")
        .miss("a.go", "h := sha256.New()")
        .miss("a.go", "md5sum := computeSum(data) // md5.New() was slow")
        .miss("A.cs", "using var sha = SHA256.Create();")
        .miss("a.rb", "Digest::MD5.hexdigest(x)")
        .miss("notes.txt", "MessageDigest.getInstance(\"MD5\")");
    c.rule("DD-CRY-002")
        .hit("A.java", "MessageDigest md = MessageDigest.getInstance(\"SHA-1\");")
        .hit("A.java", "MessageDigest md = MessageDigest.getInstance(\"SHA1\");")
        .hit("A.java", "MessageDigest md = MessageDigest.getInstance(\"SHA\");")
        .hit("A.java", "String h = DigestUtils.sha1Hex(token);")
        .hit("A.kt", "val h = DigestUtils.sha1Hex(token)")
        .hit("a.py", "h = hashlib.sha1(pw).hexdigest()")
        .hit("a.py", "h = hashlib.new('sha1', data)")
        .hit("a.py", "h = SHA.new(data)")
        .hit("a.py", "h = hashes.Hash(hashes.SHA1())")
        .hit("a.js", "crypto.createHash('sha1').update(x)")
        .hit("a.go", "h := sha1.New()")
        .hit("a.go", "s := sha1.Sum(data)")
        .hit("A.cs", "var sha = SHA1.Create();")
        .hit("A.cs", "var sha = new SHA1Managed();")
        .miss("A.java", "MessageDigest md = MessageDigest.getInstance(\"SHA-512\");")
        .miss("A.java", "MessageDigest md = MessageDigest.getInstance(\"SHA-1\"); // drydock:allow git object ids")
        .miss("a.py", "h = hashlib.sha1(data, usedforsecurity=False)")
        .miss("a.py", "h = SHA256.new(data)")
        .miss("a.js", "crypto.createHash('sha512')")
        .miss("a.go", "h := sha512.New()")
        .miss("A.cs", "var sha = SHA384.Create();");
    c.rule("DD-CRY-003")
        .hit("A.java", "Cipher c = Cipher.getInstance(\"DES/CBC/PKCS5Padding\");")
        .hit("A.java", "Cipher c = Cipher.getInstance(\"DESede/ECB/PKCS5Padding\");")
        .hit("A.java", "Cipher c = Cipher.getInstance(\"RC4\");")
        .hit("A.java", "Cipher c = Cipher.getInstance(\"ARCFOUR\");")
        .hit("A.java", "Cipher c = Cipher.getInstance(\"Blowfish\");")
        .hit("A.kt", "val c = Cipher.getInstance(\"DES\")")
        .hit("a.py", "from Crypto.Cipher import DES\nc = DES.new(key, DES.MODE_CBC, iv)", 2)
        .hit("a.py", "from Crypto.Cipher import ARC4\nc = ARC4.new(key)", 2)
        .hit("a.py", "from cryptography.hazmat.primitives.ciphers import algorithms\na = algorithms.TripleDES(key)", 2)
        .hit("a.js", "const c = crypto.createCipheriv('des-ede3-cbc', key, iv);")
        .hit("a.js", "const c = crypto.createCipheriv('rc4', key, null);")
        .hit("a.ts", "const c = createDecipheriv(\"bf-cbc\", key, iv);")
        .hit("a.go", "import \"crypto/des\"\nb, _ := des.NewTripleDESCipher(key)", 2)
        .hit("a.go", "import \"crypto/rc4\"\nc, _ := rc4.NewCipher(key)", 2)
        .hit("A.cs", "using var des = DES.Create();")
        .hit("A.cs", "var t = TripleDES.Create();")
        .hit("A.cs", "var r = new RC2CryptoServiceProvider();")
        .miss("A.java", "Cipher c = Cipher.getInstance(\"AES/GCM/NoPadding\");")
        .miss("A.java", "Cipher c = Cipher.getInstance(transformation);")
        .miss("A.java", "String DES = \"DES\"; // not a cipher call")
        .miss("a.py", "from Crypto.Cipher import AES\nc = AES.new(key, AES.MODE_GCM)")
        .miss("a.js", "const c = crypto.createCipheriv('aes-256-gcm', key, iv);")
        .miss("a.js", "const describe = 'des-ede3-cbc';")
        .miss("a.go", "import \"crypto/aes\"\nb, _ := aes.NewCipher(key)")
        .miss("A.cs", "using var aes = Aes.Create();");
    c.rule("DD-CRY-004")
        .hit("A.java", "Cipher c = Cipher.getInstance(\"AES/ECB/PKCS5Padding\");")
        .hit("A.java", "Cipher c = Cipher.getInstance(\"AES\");")
        .hit("A.kt", "val c = Cipher.getInstance(\"AES/ECB/NoPadding\")")
        .hit("a.py", "c = AES.new(key, AES.MODE_ECB)")
        .hit("a.py", "c = Cipher(algorithms.AES(key), modes.ECB())")
        .hit("a.js", "const c = crypto.createCipheriv('aes-128-ecb', key, null);")
        .hit("a.js", "CryptoJS.AES.encrypt(msg, key, { mode: CryptoJS.mode.ECB });")
        .hit("A.cs", "aes.Mode = CipherMode.ECB;")
        .miss("A.java", "Cipher c = Cipher.getInstance(\"AES/GCM/NoPadding\");")
        .miss("A.java", "Cipher c = Cipher.getInstance(\"AES/CBC/PKCS5Padding\");")
        .miss("A.java", "Cipher c = Cipher.getInstance(\"RSA/ECB/OAEPWithSHA-256AndMGF1Padding\");")
        .miss("a.py", "c = AES.new(key, AES.MODE_GCM)")
        .miss("a.js", "const c = crypto.createCipheriv('aes-256-gcm', key, iv);")
        .miss("A.cs", "aes.Mode = CipherMode.CBC;");
    c.rule("DD-CRY-005")
        .hit("A.java", "IvParameterSpec iv = new IvParameterSpec(\"0123456789abcdef\".getBytes());")
        .hit("A.java", "IvParameterSpec iv = new IvParameterSpec(new byte[16]);")
        .hit("A.java", "var spec = new GCMParameterSpec(128, \"fixed-nonce!\".getBytes(UTF_8));")
        .hit("A.kt", "val iv = IvParameterSpec(ByteArray(16))")
        .hit("A.kt", "val iv = IvParameterSpec(\"0123456789abcdef\".toByteArray())")
        .hit("a.py", "from Crypto.Cipher import AES\nc = AES.new(key, AES.MODE_CBC, b'0123456789abcdef')", 2)
        .hit("a.py", "from Crypto.Cipher import AES\nc = AES.new(key, AES.MODE_GCM, nonce=b'\\x00' * 12)", 2)
        .hit("a.py", "c = Cipher(algorithms.AES(key), modes.CBC(bytes(16)))")
        .hit("a.js", "const c = crypto.createCipheriv('aes-256-cbc', key, '0123456789abcdef');")
        .hit("a.js", "const c = crypto.createCipheriv('aes-256-cbc', Buffer.from(key, 'hex'), Buffer.alloc(16));")
        .hit("a.ts", "const c = createCipheriv(alg, key, Buffer.from('abcdefghijklmnop'));")
        .hit("a.go", "import \"crypto/cipher\"\nmode := cipher.NewCBCEncrypter(block, []byte(\"0123456789abcdef\"))", 2)
        .hit("a.go", "import \"crypto/cipher\"\nout := gcm.Seal(nil, make([]byte, 12), plain, nil)", 2)
        .hit("A.cs", "aes.IV = new byte[16];")
        .hit("A.cs", "aes.IV = Encoding.UTF8.GetBytes(\"0123456789abcdef\");")
        .miss("A.java", "IvParameterSpec iv = new IvParameterSpec(ivBytes);")
        .miss("A.kt", "val iv = IvParameterSpec(randomBytes(16))")
        .miss("a.py", "from Crypto.Cipher import AES\nc = AES.new(key, AES.MODE_CBC, iv)")
        .miss("a.py", "from Crypto.Cipher import AES\n"
            + "c = AES.new(b'0123456789abcdef', AES.MODE_CBC, get_random_bytes(16))")
        .miss("a.py", "c = Cipher(algorithms.AES(key), modes.CBC(os.urandom(16)))")
        .miss("a.js", "const c = crypto.createCipheriv('aes-256-cbc', Buffer.from(key, 'hex'), iv);")
        .miss("a.js", "const c = crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12));")
        .miss("a.go", "import \"crypto/cipher\"\nmode := cipher.NewCBCEncrypter(block, iv)")
        .miss("a.go", "import \"crypto/cipher\"\nout := gcm.Seal(nil, nonce, plain, nil)")
        .miss("A.cs", "aes.IV = RandomNumberGenerator.GetBytes(16);");
    c.rule("DD-CRY-006")
        .hit("A.java", """
            TrustManager[] trustAll = new TrustManager[] { new X509TrustManager() {
              public void checkClientTrusted(X509Certificate[] chain, String authType) {}
              public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                // trust everyone
              }
              public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            }};
            """, 3)
        .hit("A.kt", """
            val tm = object : X509TrustManager {
                override fun checkClientTrusted(chain: Array<out X509Certificate>?, authType: String?) {}
                override fun checkServerTrusted(chain: Array<out X509Certificate>?, authType: String?) {}
                override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()
            }
            """, 3)
        .hit("A.kt", "override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) = Unit")
        .hit("A.java", "SslContext ctx = SslContextBuilder.forClient()"
            + ".trustManager(InsecureTrustManagerFactory.INSTANCE).build();")
        .hit("A.java", "SSLContext ctx = SSLContexts.custom().loadTrustMaterial(null, new TrustAllStrategy()).build();")
        .miss("A.java", """
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
              delegate.checkServerTrusted(chain, authType);
            }
            """)
        .miss("A.java", "void checkServerTrusted(X509Certificate[] chain, String authType)"
            + " throws CertificateException;")
        .miss("A.java", "import io.netty.handler.ssl.util.InsecureTrustManagerFactory;")
        .miss("A.kt", """
            override fun checkServerTrusted(chain: Array<out X509Certificate>?, authType: String?) {
                pinned.checkServerTrusted(chain, authType)
            }
            """);
    c.rule("DD-CRY-007")
        .hit("A.java", "HttpsURLConnection.setDefaultHostnameVerifier((hostname, session) -> true);")
        .hit("A.java", "HostnameVerifier allHostsValid = (hostname, session) -> true;")
        .hit("A.java", "builder.hostnameVerifier((h, s) -> true);")
        .hit("A.java", "conn.setHostnameVerifier(NoopHostnameVerifier.INSTANCE);")
        .hit("A.java", """
            new HostnameVerifier() {
              public boolean verify(String hostname, SSLSession session) {
                return true;
              }
            };
            """, 2)
        .hit("A.kt", "val client = OkHttpClient.Builder().hostnameVerifier { _, _ -> true }.build()")
        .hit("A.kt", "override fun verify(hostname: String?, session: SSLSession?): Boolean = true")
        .hit("a.py", "ctx.check_hostname = False")
        .miss("A.java", "HttpsURLConnection.setDefaultHostnameVerifier(new DefaultHostnameVerifier());")
        .miss("A.java", "builder.hostnameVerifier((h, s) -> h.equals(\"internal.example.com\"));")
        .miss("A.java", "public boolean verify(String hostname, SSLSession session) {"
            + " return delegate.verify(hostname, session); }")
        .miss("A.kt", "val client = OkHttpClient.Builder().build()")
        .miss("a.py", "ctx.check_hostname = True");
    c.rule("DD-CRY-008")
        .hit("a.py", "r = requests.get(url, verify=False)")
        .hit("a.py", "r = httpx.post(\n    url,\n    json=body,\n    verify=False,\n)", 4)
        .hit("a.py", "session.verify = False")
        .hit("a.py", "ctx = ssl._create_unverified_context()")
        .hit("a.py", "ctx.verify_mode = ssl.CERT_NONE")
        .hit("a.py", "http = urllib3.PoolManager(cert_reqs='CERT_NONE')")
        .hit("a.go", "tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}")
        .hit("a.go", "cfg.InsecureSkipVerify = true")
        .hit("a.js", "const agent = new https.Agent({ rejectUnauthorized: false });")
        .hit("a.js", "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';")
        .hit("a.ts", "process.env[\"NODE_TLS_REJECT_UNAUTHORIZED\"] = \"0\";")
        .hit("a.js", "request({ url, strictSSL: false }, cb);")
        .hit("A.cs", "ServicePointManager.ServerCertificateValidationCallback"
            + " += (sender, cert, chain, errors) => true;")
        .hit("A.cs", "handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => { return true; };")
        .hit("A.cs", "handler.ServerCertificateCustomValidationCallback"
            + " = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;")
        .miss("a.py", "r = requests.get(url, verify=True)")
        .miss("a.py", "r = requests.get(url, verify='/etc/ssl/ca.pem')")
        .miss("a.py", "claims = jwt.decode(token, key, verify=False)")
        .miss("a.py", "if ctx.verify_mode == ssl.CERT_NONE:")
        .miss("a.py", "verify = False")
        .miss("a.py", "def __init__(self, filename=None, sign=False, verify=False):")
        .miss("a.py", "ctx.verify_mode = ssl.CERT_NONE if insecure else ssl.CERT_REQUIRED")
        .miss("a.js", "const o = { strictSsl: secure ? !!options.rejectUnauthorized : false };")
        .miss("a.go", "tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: false}}")
        .miss("a.go", "tls.Config{InsecureSkipVerify: *insecure}")
        .miss("a.js", "const agent = new https.Agent({ rejectUnauthorized: true });")
        .miss("a.js", "if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') warn();")
        .miss("A.cs", "handler.ServerCertificateCustomValidationCallback"
            + " = (m, c, ch, e) => e == SslPolicyErrors.None;");
    c.rule("DD-CRY-009")
        .hit("A.java", "Connection c = DriverManager.getConnection(url, \"app\", \"Tr0ub4dor&3\");")
        .hit("A.java",
            "Connection c = DriverManager.getConnection(\"jdbc:postgresql://db/app?user=app&password=hunter2x\");")
        .hit("A.kt", "val c = DriverManager.getConnection(url, \"app\", \"Tr0ub4dor&3\")")
        .hit("a.py", "conn = psycopg2.connect(host='db', user='app', password='Tr0ub4dor&3')")
        .hit("a.py", "conn = psycopg2.connect(\"dbname=app user=app password=Tr0ub4dor&3\")")
        .hit("a.py", "engine = create_engine('postgresql://app:Tr0ub4dor3@db/app')")
        .hit("a.js", "const c = mysql.createConnection({ host: 'db', user: 'app', password: 'Tr0ub4dor&3' });")
        .hit("a.ts", "const s = new Sequelize('app', 'app', 'Tr0ub4dor&3', { dialect: 'mysql' });")
        .hit("a.go", "db, err := sql.Open(\"mysql\", \"app:Tr0ub4dor3@tcp(db:3306)/app\")")
        .hit("a.go", "db, err := sql.Open(\"postgres\", \"host=db user=app password=Tr0ub4dor3 dbname=app\")")
        .hit("A.cs", "var c = new SqlConnection(\"Server=db;Database=app;User Id=app;Password=Tr0ub4dor&3;\");")
        .hit("a.py", "r = redis.Redis(host='cache', port=6379, password='Tr0ub4dor&3')")
        .hit("a.js", "const r = createClient({ url: 'redis://cache:6379', password: 'Tr0ub4dor&3' });")
        .hit("a.go", "rdb := redis.NewClient(&redis.Options{Addr: \"cache:6379\", Password: \"Tr0ub4dor3\"})")
        .miss("A.java", "Connection c = DriverManager.getConnection(url, user, System.getenv(\"DB_PASSWORD\"));")
        .miss("A.java", "Connection c = DriverManager.getConnection(url, \"app\", \"\");")
        .miss("a.py", "conn = psycopg2.connect(host='db', user='app', password=os.environ['DB_PASSWORD'])")
        .miss("a.py", "engine = create_engine(f'postgresql://app:{password}@db/app')")
        .miss("a.js",
            "const c = mysql.createConnection({ host: 'db', user: 'app', password: process.env.DB_PASSWORD });")
        .miss("a.go", "db, err := sql.Open(\"mysql\", dsn)")
        .miss("a.go", "rdb := redis.NewClient(&redis.Options{Addr: addr, Password: os.Getenv(\"REDIS_PASSWORD\")})")
        .miss("a.py", "r = redis.Redis(host='cache', password=settings.REDIS_PASSWORD)")
        .miss("a.go", "db, err := sql.Open(\"mysql\", \"app:@tcp(db:3306)/app\")")
        .miss("A.cs", "var c = new SqlConnection(configuration.GetConnectionString(\"App\"));")
        .miss("A.cs", "var c = new SqlConnection($\"Server=db;User Id=app;Password={password};\");");
    c.rule("DD-CRY-010")
        .hit("A.java", "KeyPairGenerator kpg = KeyPairGenerator.getInstance(\"RSA\");\nkpg.initialize(1024);", 2)
        .hit("A.java", "KeyPairGenerator kpg = KeyPairGenerator.getInstance(\"RSA\");\nkpg.initialize(512, random);", 2)
        .hit("A.kt", "val spec = RSAKeyGenParameterSpec(1024, RSAKeyGenParameterSpec.F4)")
        .hit("a.py", "key = RSA.generate(1024)")
        .hit("a.py", "key = rsa.generate_private_key(public_exponent=65537, key_size=1024)")
        .hit("a.js", "crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });")
        .hit("a.go", "key, err := rsa.GenerateKey(rand.Reader, 1024)")
        .hit("A.cs", "var rsa = new RSACryptoServiceProvider(1024);")
        .hit("A.cs", "using var rsa = RSA.Create(1024);")
        .miss("A.java", "KeyPairGenerator kpg = KeyPairGenerator.getInstance(\"RSA\");\nkpg.initialize(2048);")
        .miss("A.java", "KeyPairGenerator kpg = KeyPairGenerator.getInstance(\"EC\");\nkpg.initialize(256);")
        .miss("A.java", "KeyPairGenerator r = KeyPairGenerator.getInstance(\"RSA\");\nKeyPairGenerator e = "
            + "KeyPairGenerator.getInstance(\"EC\");\ne.initialize(384);")
        .miss("A.java", "cache.initialize(1024);")
        .miss("a.py", "key = RSA.generate(3072)")
        .miss("a.py", "key = rsa.generate_private_key(public_exponent=65537, key_size=4096)")
        .miss("a.js", "crypto.generateKeyPairSync('rsa', { modulusLength: 4096 });")
        .miss("a.go", "key, err := rsa.GenerateKey(rand.Reader, 2048)")
        .miss("A.cs", "using var rsa = RSA.Create(3072);");
    c.rule("DD-CRY-011")
        .hit("A.java", "String resetToken = Long.toHexString(new Random().nextLong());")
        .hit("A.java", "this.sessionId = RandomStringUtils.randomAlphanumeric(32);")
        .hit("A.kt", "val otp = Random.nextInt(100000, 999999).toString()")
        .hit("a.py", "token = ''.join(random.choice(ALPHABET) for _ in range(32))")
        .hit("a.py", "user.password = str(random.getrandbits(64))")
        .hit("a.js", "const apiKey = Math.random().toString(36).slice(2);")
        .hit("a.go", "import \"math/rand\"\nnonce := rand.Int63()", 2)
        .hit("A.cs", "var salt = new Random().Next().ToString();")
        .miss("A.java", "String token = new BigInteger(130, new SecureRandom()).toString(32);")
        .miss("A.java", "int dice = new Random().nextInt(6);")
        .miss("A.kt", "val delay = Random.nextLong(1000)")
        .miss("a.py", "token = secrets.token_urlsafe(32)")
        .miss("a.py", "jitter = random.random() * 5")
        .miss("a.js", "const delay = Math.random() * 1000;")
        .miss("a.js", "if (token === Math.random()) {}")
        .miss("a.go", "import \"crypto/rand\"\nnonce, err := rand.Int(rand.Reader, max)")
        .miss("A.java", "Random tokenizerSeed = new Random(42);")
        .miss("a.go", "import (\n\tcrand \"crypto/rand\"\n\tmrand \"math/rand\"\n)\nn, _ := crand.Read(nonce)")
        .miss("A.cs", "var salt = RandomNumberGenerator.GetBytes(16);");
    return List.copyOf(c.all);
  }
}
