using Dapper;
using Ktp.Web.Seed;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

public sealed class DemoInquiriesTests(KtpHost app) : IClassFixture<KtpHost>
{
    [Fact]
    public async Task The_demo_project_has_sample_inquiries_in_every_state_and_seeding_again_adds_none()
    {
        await using var owner = app.Database.OpenOwner();
        var statuses = (await owner.QueryAsync<(string Status, long Count)>(
            "SELECT status, count(*) FROM inquiries WHERE project_id = @ProjectId GROUP BY status", new { DemoProject.ProjectId })).ToDictionary(r => r.Status, r => r.Count);
        statuses.Values.Sum().ShouldBe(18);
        statuses.Keys.ShouldBe(["Closed", "InWork", "Waiting"], ignoreOrder: true);

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM inquiries WHERE project_id = @ProjectId", new { DemoProject.ProjectId })).ShouldBe(18);
    }
}
