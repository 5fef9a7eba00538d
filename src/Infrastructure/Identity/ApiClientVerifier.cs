using Dapper;
using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Identity;

public sealed record ActiveApiClient(string ClientId, Guid TenantId, string Slug, string[] Scopes);

/// <summary>
/// Finds an OAuth client before any tenant is known (a narrow definer function): at the token endpoint with its
/// secret, and on every call with a token, so a revoked or expired client is refused at once.
/// One pooled connection at a time.
/// </summary>
public sealed class ApiClientVerifier(KtpDatabase db, TimeProvider clock)
{
    private sealed class Found
    {
        public Guid TenantId { get; set; }
        public string SecretHash { get; set; } = "";
        public string[] Scopes { get; set; } = [];
        public DateTime ExpiresAt { get; set; }
        public bool Revoked { get; set; }
        public string Slug { get; set; } = "";
    }

    /// <summary>The client when <paramref name="secret"/> is its secret and it is neither revoked nor expired.</summary>
    public async Task<ActiveApiClient?> AuthenticateAsync(string? clientId, string? secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100) return null;
        var found = await FindAsync(clientId, ct);
        if (found is null || !ApiKeySecret.Matches(secret, found.SecretHash)) return null;

        await using (var uow = await db.BeginTenantAsync(found.TenantId, ct))
        {
            await uow.ExecuteAsync("UPDATE api_clients SET last_token_at = @now WHERE client_id = @clientId",
                new { clientId, now = clock.GetUtcNow() }, ct: ct);
            await uow.CommitAsync(ct);
        }
        return new ActiveApiClient(clientId!, found.TenantId, found.Slug, found.Scopes);
    }

    /// <summary>The client named by a token, when it is still active.</summary>
    public async Task<ActiveApiClient?> FindActiveAsync(string? clientId, CancellationToken ct)
    {
        var found = await FindAsync(clientId, ct);
        return found is null ? null : new ActiveApiClient(clientId!, found.TenantId, found.Slug, found.Scopes);
    }

    private async Task<Found?> FindAsync(string? clientId, CancellationToken ct)
    {
        if (clientId is null || clientId.Length != 21 || !clientId.StartsWith("ktpc_", StringComparison.Ordinal)) return null;
        await using var connection = await db.App.OpenConnectionAsync(ct);
        var found = await connection.QuerySingleOrDefaultAsync<Found>(new CommandDefinition(
            "SELECT tenant_id AS TenantId, secret_hash AS SecretHash, scopes, expires_at AS ExpiresAt, revoked, slug FROM ktp_find_api_client(@clientId)",
            new { clientId }, cancellationToken: ct));
        return found is null || found.Revoked || found.ExpiresAt <= clock.GetUtcNow().UtcDateTime ? null : found;
    }
}
