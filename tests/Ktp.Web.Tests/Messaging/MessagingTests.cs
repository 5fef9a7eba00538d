using System.Security.Claims;
using Dapper;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Mail;
using Ktp.Infrastructure.Messaging;
using Ktp.Tenancy.SignUp;
using Ktp.Infrastructure.Sessions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Messaging;

/// <summary>The mail server can be taken down by the test; while it is up, mail lands in the dev mailbox.</summary>
public sealed class FlakyMailTransport : IEmailTransport
{
    private readonly DevMailboxTransport _mailbox = new();

    public volatile bool Down;

    public Task SendAsync(Guid tenantId, EmailMessage message, UnitOfWork workerUow, CancellationToken ct) =>
        Down ? throw new IOException("The mail server refused the connection.") : _mailbox.SendAsync(tenantId, message, workerUow, ct);
}

public sealed class FlakyMailKtpHost : KtpHost
{
    public FlakyMailTransport Mail { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IEmailTransport>(Mail));
    }
}

public sealed class MessagingTests(FlakyMailKtpHost app) : IClassFixture<FlakyMailKtpHost>
{
    private KtpDatabase Db => app.Services.GetRequiredService<KtpDatabase>();

    [Fact]
    public async Task A_scheduled_message_is_handled_within_a_second_of_its_time_and_not_before()
    {
        var tenant = await SignUpAsync();
        var to = $"timer-{Guid.NewGuid():N}@test.ktp";
        DateTimeOffset at;
        await using (var uow = await Db.BeginTenantAsync(tenant.TenantId))
        {
            at = Utc(await uow.ExecuteScalarAsync<DateTime>("SELECT now() + interval '2 seconds'"));
            await uow.ScheduleAsync(new EmailMessage(to, "Timer", "Scheduled"), at);
            await uow.CommitAsync();
        }

        var sentAt = await WaitForMailAsync(to, TimeSpan.FromSeconds(10));
        sentAt.ShouldBeGreaterThanOrEqualTo(at);
        (sentAt - at).ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_message_rolled_back_with_its_transaction_is_never_sent()
    {
        var tenant = await SignUpAsync();
        var to = $"rolled-back-{Guid.NewGuid():N}@test.ktp";
        await using (var uow = await Db.BeginTenantAsync(tenant.TenantId))
            await uow.SendAsync(new EmailMessage(to, "Never", "Rolled back")); // disposed without commit

        var committed = $"committed-{Guid.NewGuid():N}@test.ktp";
        await using (var uow = await Db.BeginTenantAsync(tenant.TenantId))
        {
            await uow.SendAsync(new EmailMessage(committed, "Sent", "Committed"));
            await uow.CommitAsync();
        }
        await WaitForMailAsync(committed, TimeSpan.FromSeconds(10));
        await using var owner = app.Database.OpenOwner();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM dev_mailbox WHERE recipient = @to", new { to })).ShouldBe(0);
    }

    [Fact]
    public async Task A_message_failing_every_retry_is_a_dead_letter_its_tenant_sees_and_replays_and_no_other_tenant_can()
    {
        var tenant = await SignUpAsync();
        var other = await SignUpAsync();
        var to = $"dead-{Guid.NewGuid():N}@test.ktp";
        app.Mail.Down = true;
        try
        {
            await using (var uow = await Db.BeginTenantAsync(tenant.TenantId))
            {
                await uow.SendAsync(new EmailMessage(to, "Welcome", "Hello"));
                await uow.CommitAsync();
            }
            var failed = await WaitForAsync(async () => (await ListAsync(tenant)).SingleOrDefault(), "the dead letter");
            failed.Kind.ShouldBe(nameof(EmailMessage));
            failed.Error.ShouldContain("The mail server refused the connection.");
            (await ListAsync(other)).ShouldBeEmpty();
            (await ReplayAsync(other, failed.Id)).ShouldBeFalse("another tenant cannot replay it");
        }
        finally
        {
            app.Mail.Down = false;
        }

        var id = (await ListAsync(tenant)).Single().Id;
        (await ReplayAsync(tenant, id)).ShouldBeTrue();
        await WaitForMailAsync(to, TimeSpan.FromSeconds(30));
        await WaitForAsync(async () => (await ListAsync(tenant)).Count == 0 ? "gone" : null, "the dead letter to leave the list");
    }

    private async Task<SignedUp> SignUpAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SignUpTenantHandler>().HandleAsync(new SignUpTenant(
            "Messages Co", "msg-" + Guid.NewGuid().ToString("N")[..8], "Boss", $"boss-{Guid.NewGuid():N}@test.ktp", KtpHost.Password, "en"));
    }

    private async Task<T> AsAdminAsync<T>(SignedUp tenant, Func<FailedMessages, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        var info = await scope.ServiceProvider.GetRequiredService<TenantDirectory>().FindBySlugAsync(tenant.Slug);
        scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(info,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(KtpClaims.Privilege, Privilege.SettingsManage)], "test")));
        return await action(scope.ServiceProvider.GetRequiredService<FailedMessages>());
    }

    private Task<IReadOnlyList<FailedMessage>> ListAsync(SignedUp tenant) => AsAdminAsync(tenant, m => m.ListAsync());

    private Task<bool> ReplayAsync(SignedUp tenant, Guid id) => AsAdminAsync(tenant, m => m.ReplayAsync(id));

    private async Task<DateTimeOffset> WaitForMailAsync(string to, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var owner = app.Database.OpenOwner();
            var sentAt = await owner.QueryFirstOrDefaultAsync<DateTime?>("SELECT sent_at FROM dev_mailbox WHERE recipient = @to", new { to });
            if (sentAt is { } at) return Utc(at);
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No mail to {to} within {timeout.TotalSeconds} s.");
            await Task.Delay(50);
        }
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Timed out waiting for " + what);
            await Task.Delay(100);
        }
    }
}
