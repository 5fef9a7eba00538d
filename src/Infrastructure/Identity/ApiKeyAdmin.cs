using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Identity;

public sealed class ApiKeyRow
{
    public Guid KeyId { get; set; }
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    public string[] Scopes { get; set; } = [];
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

public sealed record CreatedApiKey(Guid KeyId, string Key);

/// <summary>Creates and revokes the tenant's API keys. The full key is shown once, at creation.</summary>
public sealed class ApiKeyAdmin(CurrentSession session)
{
    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CancellationToken ct = default)
    {
        session.Demand(Privilege.SettingsManage);
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<ApiKeyRow>("""
            SELECT key_id AS KeyId, name, prefix, scopes, created_by AS CreatedBy, created_at AS CreatedAt,
                   last_used_at AS LastUsedAt, revoked_at AS RevokedAt
            FROM api_keys ORDER BY created_at DESC
            """, ct: ct)).ToList();
    }

    public async Task<CreatedApiKey> CreateAsync(string name, IReadOnlyCollection<string> scopes, CancellationToken ct = default)
    {
        session.Demand(Privilege.SettingsManage);
        name = name.Trim();
        new Validation()
            .Require(name.Length is >= 1 and <= 100, nameof(name), "Give the key a name (up to 100 characters).")
            .Require(scopes.Count > 0, nameof(scopes), "Choose at least one privilege for the key.")
            .Require(scopes.All(Privilege.TenantPrivileges.Contains), nameof(scopes), "Unknown privilege.")
            .ThrowIfInvalid();
        session.DemandCanGrant(scopes, nameof(scopes));
        var (key, prefix, hash) = ApiKeySecret.Generate();
        var keyId = Guid.NewGuid();
        await using var uow = await session.BeginAsync(ct);
        await uow.ExecuteAsync("""
            INSERT INTO api_keys (key_id, name, prefix, secret_hash, scopes, created_by)
            VALUES (@keyId, @name, @prefix, @hash, @scopes, @by)
            """, new { keyId, name, prefix, hash, scopes = scopes.Distinct().ToArray(), by = session.UserName ?? "unknown" }, ct: ct);
        await uow.CommitAsync(ct);
        return new CreatedApiKey(keyId, key);
    }

    public async Task RevokeAsync(Guid keyId, CancellationToken ct = default)
    {
        session.Demand(Privilege.SettingsManage);
        await using var uow = await session.BeginAsync(ct);
        await uow.ExecuteAsync("UPDATE api_keys SET revoked_at = now() WHERE key_id = @keyId AND revoked_at IS NULL", new { keyId }, ct: ct);
        await uow.CommitAsync(ct);
    }
}
