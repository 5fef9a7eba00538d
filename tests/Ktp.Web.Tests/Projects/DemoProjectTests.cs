using System.Text.Json.Nodes;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Projects;
using Ktp.Infrastructure.Projects.Contracts;
using Ktp.Web.Seed;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Projects;

public sealed class DemoProjectTests(KtpHost app) : IClassFixture<KtpHost>
{
    [Fact]
    public async Task The_demo_project_is_fully_configured_and_seeding_again_adds_nothing()
    {
        await using var pm = await app.AsPmAsync();
        var store = pm.Get<ProjectConfigStore>();
        long rows;
        await using (var uow = await pm.Get<CurrentSession>().BeginAsync())
        {
            var config = (await store.CurrentAsync(uow, DemoProject.ProjectId))!;
            config.Name.ShouldBe("Горячая линия Ромашка");
            config.Topics.Groups.Select(g => g.Name).ShouldBe(["Подключение", "Оплата и счета", "Возвраты"]);
            config.Topics.Topics.Select(t => t.Kind).Distinct().Count().ShouldBe(3);
            config.Topics.PathOf(DemoProjectTopics.Refund).Select(g => g.Name).ShouldBe(["Оплата и счета", "Возвраты"]);
            var contract = config.Topics.EffectiveAttributes(DemoProjectTopics.Refund).Single(a => a.Code == "contract_no");
            contract.Required.IsSetFor(JsonNode.Parse("""{"channel":"phone"}""")).ShouldBeTrue();
            contract.Required.IsSetFor(JsonNode.Parse("""{"channel":"email"}""")).ShouldBeFalse();
            config.Topics.EffectiveAttributes(DemoProjectTopics.PaymentMethodChange).Single(a => a.Code == "payment_method").Type.ShouldBe(AttributeType.Dictionary);
            config.Route!.Processes.Select(p => p.Name).ShouldBe(["Первая линия", "Вторая линия", "Контроль качества"]);
            config.Sla.Find(DemoProjectTopics.Refund.ToString(), "second_line")!.Duration.ShouldBe(TimeSpan.FromHours(16));
            config.Calendar.TimeZoneId.ShouldBe("Europe/Moscow");
            (await store.DictionariesAsync(uow, DemoProject.ProjectId)).Find("payment_methods")!.Items.Count.ShouldBe(5);
            (await store.PrioritiesAsync(uow, DemoProject.ProjectId)).Default!.Code.ShouldBe("normal");
            (await store.VipAsync(uow, DemoProject.ProjectId)).IsVip("дог-2024-000177").ShouldBeTrue();
            (await store.ContactPlacesAsync(uow, DemoProject.ProjectId)).Places.Count.ShouldBe(3);
            (await store.CategoriesAsync(uow, DemoProject.ProjectId)).Categories.Count.ShouldBe(3);
            var op2 = await uow.QuerySingleAsync<Guid>("SELECT user_id FROM users WHERE email = 'operator2@demo.ktp'");
            var op1 = await uow.QuerySingleAsync<Guid>("SELECT user_id FROM users WHERE email = 'operator@demo.ktp'");
            var templates = await store.TemplatesAsync(uow, DemoProject.ProjectId);
            templates.For(op2, ["operator"])!.DefaultDirection.ShouldBe(ContactDirections.Out);
            templates.For(op1, ["operator"])!.Name.ShouldBe("Оператор первой линии");
            (await store.IsMemberAsync(uow, DemoProject.ProjectId, op1)).ShouldBeTrue();
            (await store.ProjectsOfAsync(uow, op2)).ShouldContain(DemoProject.ProjectId);
            rows = await uow.ExecuteScalarAsync<long>("SELECT (SELECT count(*) FROM project_settings) + (SELECT count(*) FROM project_routes) + (SELECT count(*) FROM project_members)");
        }

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();

        await using var again = await pm.Get<CurrentSession>().BeginAsync();
        (await again.ExecuteScalarAsync<long>("SELECT (SELECT count(*) FROM project_settings) + (SELECT count(*) FROM project_routes) + (SELECT count(*) FROM project_members)"))
            .ShouldBe(rows);
    }
}
