using System.Security.Cryptography;
using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Identity;

public sealed class ApiClientRow
{
    public string ClientId { get; set; } = "";
    public string Name { get; set; } = "";
    public string[] Scopes { get; set; } = [];
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? LastTokenAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

public sealed record CreatedApiClient(string ClientId, string Secret);

/// <summary>
/// Registers the tenant's OAuth clients (client credentials). The secret is shown once, at registration;
/// a client never holds a privilege its creator does not hold.
/// </summary>
public sealed class ApiClientAdmin(CurrentSession session, TimeProvider clock)
{
    public const int MaxLifetimeDays = 730;

    public async Task<IReadOnlyList<ApiClientRow>> ListAsync(CancellationToken ct = default)
    {
        session.Demand(Privilege.SettingsManage);
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<ApiClientRow>("""
            SELECT client_id AS ClientId, name, scopes, created_by AS CreatedBy, created_at AS CreatedAt, expires_at AS ExpiresAt,
                   last_token_at AS LastTokenAt, revoked_at AS RevokedAt
            FROM api_clients ORDER BY created_at DESC
            """, ct: ct)).ToList();
    }

    public async Task<CreatedApiClient> CreateAsync(string name, IReadOnlyCollection<string> scopes, int lifetimeDays, CancellationToken ct = default)
    {
        session.Demand(Privilege.SettingsManage);
        name = name.Trim();
        new Validation()
            .Require(name.Length is >= 1 and <= 100, nameof(name), "Give the client a name (up to 100 characters).")
            .Require(scopes.Count > 0, nameof(scopes), "Choose at least one privilege for the client.")
            .Require(scopes.All(Privilege.TenantPrivileges.Contains), nameof(scopes), "Unknown privilege.")
            .Require(lifetimeDays is >= 1 and <= MaxLifetimeDays, nameof(lifetimeDays), "The client may live from 1 day to 2 years.")
            .ThrowIfInvalid();
        session.DemandCanGrant(scopes, nameof(scopes));

        var clientId = "ktpc_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var uow = await session.BeginAsync(ct);
        await uow.ExecuteAsync("""
            INSERT INTO api_clients (client_id, name, secret_hash, scopes, created_by, expires_at)
            VALUES (@clientId, @name, @hash, @scopes, @by, @expires)
            """, new
        {
            clientId, name, hash = ApiKeySecret.Hash(secret), scopes = Privilege.TenantPrivileges.Where(scopes.Contains).ToArray(),
            by = session.UserName ?? "unknown", expires = clock.GetUtcNow().AddDays(lifetimeDays),
        }, ct: ct);
        await uow.CommitAsync(ct);
        return new CreatedApiClient(clientId, secret);
    }

    public async Task RevokeAsync(string clientId, CancellationToken ct = default)
    {
        session.Demand(Privilege.SettingsManage);
        await using var uow = await session.BeginAsync(ct);
        await uow.ExecuteAsync("UPDATE api_clients SET revoked_at = now() WHERE client_id = @clientId AND revoked_at IS NULL", new { clientId }, ct: ct);
        await uow.CommitAsync(ct);
    }
}
