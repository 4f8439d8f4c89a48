using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MailTools.IdentityProvider;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// The test identity provider: serves what MSAL (and any OAuth2 client) calls on Microsoft's sign-in service —
// device code, token (device code, refresh token, client credentials with a secret or a certificate assertion) —
// and issues HS256 JWTs that the test Dovecot validates locally with the same key. See README.md.
// Usage: MailTools.IdentityProvider --config <file.json> [--parent-pid N]; prints its port as the first stdout line.
string? configPath = null;
int? parentPid = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--config": configPath = args[++i]; break;
        case "--parent-pid": parentPid = int.Parse(args[++i]); break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}
if (configPath == null) { Console.Error.WriteLine("--config is required"); return 2; }
var config = JsonSerializer.Deserialize<ProviderConfig>(File.ReadAllText(configPath), ProviderConfig.Json)
    ?? throw new InvalidOperationException("empty config");
var state = new ProviderState(config);

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
var certificate = X509Certificate2.CreateFromPemFile(config.CertificatePath, config.KeyPath);
// Re-import so the private key is usable by SslStream on every platform.
certificate = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l =>
{
    l.Protocols = HttpProtocols.Http1;
    l.UseHttps(certificate);
}));
var app = builder.Build();
Endpoints.Map(app, state);
GoogleEndpoints.Map(app, state);
await app.StartAsync();
var address = app.Urls.First();
var port = new Uri(address).Port;
state.BaseUrl = $"https://127.0.0.1:{port}";
Console.WriteLine(port);
Console.Out.Flush();

if (parentPid is int pid)
{
    _ = Task.Run(async () =>
    {
        while (true)
        {
            await Task.Delay(1000);
            try { using var p = System.Diagnostics.Process.GetProcessById(pid); if (p.HasExited) break; }
            catch (ArgumentException) { break; }
        }
        Environment.Exit(0);
    });
}
await app.WaitForShutdownAsync();
return 0;
