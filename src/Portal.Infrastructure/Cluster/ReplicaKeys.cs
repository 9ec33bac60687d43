using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Cluster;

/// <summary>The <c>DataProtection</c> configuration section: how the shared key ring is protected at rest.</summary>
public sealed class ReplicaKeySettings
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts every key before it is stored. Empty: keys are stored unencrypted.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>A file holding the certificate's password (first line). Empty: the certificate has none.</summary>
    public string? CertificatePasswordFile { get; set; }
}

/// <summary>
/// One data-protection key ring for every replica, in PostgreSQL: a sign-in cookie or antiforgery token issued by one
/// replica is read by every other, and survives restarts. The application name is fixed, so replicas installed in
/// different directories still share keys (by default it derives from the content root).
/// </summary>
public static class ReplicaKeys
{
    public const string ApplicationName = "alert-rule-portal";

    public static IHostApplicationBuilder AddReplicaKeys(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ReplicaKeySettings.Section).Get<ReplicaKeySettings>() ?? new ReplicaKeySettings();
        var protection = builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<PortalDbContext>();
        var certificate = LoadCertificate(settings);
        if (certificate is not null)
        {
            protection.ProtectKeysWithCertificate(certificate);
        }
        else
        {
            // Its warning ("No XML encryptor configured") says nothing about what to do; ReplicaKeyRing logs that instead.
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        }

        builder.Services.AddSingleton(new ReplicaKeyRingMode(certificate?.Subject));
        builder.Services.AddSingleton<ReplicaKeyRingGate>();
        builder.Services.AddHostedService<ReplicaKeyRing>();
        return builder;
    }

    /// <summary>Null when no certificate is configured; a configured one that cannot be read stops the start with the reason.</summary>
    internal static X509Certificate2? LoadCertificate(ReplicaKeySettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.CertificateFile))
        {
            return null;
        }

        var file = settings.CertificateFile.Trim();
        string? password = null;
        if (!string.IsNullOrWhiteSpace(settings.CertificatePasswordFile))
        {
            var passwordFile = settings.CertificatePasswordFile.Trim();
            password = File.Exists(passwordFile)
                ? File.ReadLines(passwordFile).FirstOrDefault()?.TrimEnd('\r') ?? ""
                : throw new InvalidOperationException($"DataProtection:CertificatePasswordFile: '{passwordFile}' does not exist.");
        }

        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"DataProtection:CertificateFile: '{file}' does not exist.");
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(file, password);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"DataProtection:CertificateFile: '{file}' holds no private key, so keys protected with it could never be read back.");
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"DataProtection:CertificateFile: '{file}' could not be read as a PKCS#12 file with the configured password: {e.Message}", e);
        }
    }
}

/// <summary>The certificate's subject when keys are encrypted at rest, else null.</summary>
internal sealed record ReplicaKeyRingMode(string? CertificateSubject);

/// <summary>
/// Makes sure the key ring holds a key, under a PostgreSQL advisory lock. Replicas starting together on an empty table
/// would otherwise each create a key, and one replica's cookies would be unreadable to another until its cached key
/// ring expired (ASP.NET re-reads the ring on an unknown key only in a process's first two minutes).
/// It runs at start-up (<see cref="ReplicaKeyRing"/>); when PostgreSQL is down then, the portal starts all the same
/// (health says the database is down) and the step is tried again: in the background every
/// <see cref="RetryPeriod"/>, and by <see cref="EnsureAsync"/> in front of any request that may need a key, so the
/// first key made after the database comes back is still made under the lock.
/// </summary>
public sealed partial class ReplicaKeyRingGate(
    IDataProtectionProvider provider,
    IDbContextFactory<PortalDbContext> factory,
    ILogger<ReplicaKeyRingGate> logger)
{
    /// <summary>The advisory-lock key ("keyring" in ASCII), apart from every other lock the portal takes.</summary>
    internal const long LockKey = 0x6B6579_72696E67;

    /// <summary>How often the background retries while the database is away.</summary>
    public static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _one = new(1, 1);
    private volatile bool _ready;

    /// <summary>Whether the key ring was prepared under the lock (it stays so for the life of the process).</summary>
    public bool Ready => _ready;

    /// <summary>
    /// Prepares the key ring unless done; one attempt at a time. A caller that waited for another's attempt does not
    /// make its own: if that one failed the database is away, and the caller's own work fails the same way.
    /// Never throws for an unreachable or unmigrated database; returns whether the ring is ready.
    /// </summary>
    public async Task<bool> EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return true;
        }

        if (!_one.Wait(0, CancellationToken.None))
        {
            await _one.WaitAsync(cancellationToken);
            _one.Release();
            return _ready;
        }

        try
        {
            if (!_ready)
            {
                await PrepareAsync(cancellationToken);
                _ready = true;
                LogReady(logger);
            }
        }
        // Loading the key ring wraps the database's refusal in a CryptographicException.
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException
            or System.Security.Cryptography.CryptographicException { InnerException: System.Data.Common.DbException })
        {
            // The database is down or not migrated yet: tried again in the background and before requests.
            LogNotReady(logger, e.Message);
        }
        finally
        {
            _one.Release();
        }

        return _ready;
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using (var take = connection.CreateCommand())
        {
            take.CommandText = $"SELECT pg_advisory_lock({LockKey})";
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            // Protecting anything loads the key ring, creating the first key if there is none.
            _ = provider.CreateProtector("Portal.Cluster.KeyRing").Protect("ready"u8.ToArray());
        }
        finally
        {
            await using var release = connection.CreateCommand();
            release.CommandText = $"SELECT pg_advisory_unlock({LockKey})";
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The data-protection key ring could not be prepared (the database is down or not migrated); it is tried again every 2 s and before requests: {Problem}")]
    private static partial void LogNotReady(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "The data-protection key ring is ready")]
    private static partial void LogReady(ILogger logger);
}

/// <summary>
/// At start-up: says once how the keys are stored, and prepares the key ring (<see cref="ReplicaKeyRingGate"/>).
/// This runs in <see cref="StartingAsync"/>, before any hosted service's StartAsync: ASP.NET's own data-protection
/// hosted service loads the key ring in its StartAsync, and the first load is the one that creates the first key, so
/// it must happen here, inside the lock. That makes the migrate step's key (PortalApp.MigrateAndExitAsync) a
/// convenience, not a condition. When the database is down at start, the start goes on and a background loop keeps
/// trying until it is back.
/// </summary>
internal sealed partial class ReplicaKeyRing(
    ReplicaKeyRingGate gate,
    ReplicaKeyRingMode mode,
    ILogger<ReplicaKeyRing> logger) : IHostedLifecycleService
{
    /// <summary>The advisory-lock key; see <see cref="ReplicaKeyRingGate.LockKey"/>.</summary>
    internal const long LockKey = ReplicaKeyRingGate.LockKey;

    private readonly CancellationTokenSource _stopping = new();
    private Task _retry = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!gate.Ready)
        {
            _retry = Task.Run(() => RetryAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _retry.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the retry loop ends with the process.
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (mode.CertificateSubject is { } subject)
        {
            LogEncrypted(logger, subject);
        }
        else
        {
            LogUnencrypted(logger);
        }

        await gate.EnsureAsync(cancellationToken);
    }

    private async Task RetryAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested && !await gate.EnsureAsync(stopping))
        {
            await Task.Delay(ReplicaKeyRingGate.RetryPeriod, stopping);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Data-protection keys (sign-in cookies, antiforgery tokens) are shared by all replicas in table data_protection_keys, encrypted with certificate {Subject}")]
    private static partial void LogEncrypted(ILogger logger, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data-protection keys (sign-in cookies, antiforgery tokens) are stored UNENCRYPTED in table data_protection_keys, shared by all replicas: anyone who can read that table can forge sign-ins. Set DataProtection:CertificateFile (and CertificatePasswordFile) to encrypt them at rest")]
    private static partial void LogUnencrypted(ILogger logger);
}
