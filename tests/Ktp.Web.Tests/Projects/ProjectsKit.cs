using System.Security.Claims;
using Ktp.Domain.Inquiries;
using Ktp.Domain.Routing;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Projects;

/// <summary>Handlers called as a signed-in user of a tenant, inside the real app.</summary>
public static class ProjectsKit
{
    /// <summary>A scope acting as the user with <paramref name="email"/> in <paramref name="slug"/>, holding <paramref name="privileges"/>.</summary>
    public static async Task<AsyncServiceScope> ActingAsync(this KtpHost app, string slug, string email, params string[] privileges)
    {
        var scope = app.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<TenantDirectory>().FindBySlugAsync(slug)
            ?? throw new InvalidOperationException($"No tenant {slug}.");
        Guid userId;
        await using (var uow = await scope.ServiceProvider.GetRequiredService<KtpDatabase>().BeginTenantAsync(tenant.TenantId))
            userId = await uow.QuerySingleAsync<Guid>("SELECT user_id FROM users WHERE email = @email", new { email });
        var claims = new List<Claim> { new(KtpClaims.UserId, userId.ToString()), new(KtpClaims.DisplayName, email) };
        claims.AddRange(privileges.Select(p => new Claim(KtpClaims.Privilege, p)));
        scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(tenant, new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
        return scope;
    }

    public static T Get<T>(this AsyncServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public static Task<AsyncServiceScope> AsPmAsync(this KtpHost app) =>
        app.ActingAsync("demo", "pm@demo.ktp", Domain.Access.Role.DefaultPrivileges(Domain.Access.Role.ProjectManager).ToArray());

    public static AttributeDraft StringAttribute(string code, string label, FlagMode required = FlagMode.No, string rule = "") =>
        new() { Code = code, Label = label, Type = AttributeType.String, Required = new FlagDraft { Mode = required, Rule = rule } };

    /// <summary>One group with one consultation topic carrying <paramref name="attributes"/>.</summary>
    public static TopicConfigDraft SimpleTopics(params AttributeDraft[] attributes)
    {
        var group = new TopicNodeDraft { IsGroup = true, Name = "Billing" };
        return new TopicConfigDraft
        {
            Groups = [group],
            Topics = [new TopicNodeDraft { Name = "Invoice question", ParentId = group.Id, Kind = TopicKind.Consultation, Attributes = [.. attributes] }],
        };
    }

    /// <summary>first → second → close, with one queue each and a queue rule on the second.</summary>
    public static RouteDraft TwoStepRoute(string routeId = "standard", string name = "Standard") => new()
    {
        RouteId = routeId, Name = name, StartProcess = "first",
        Processes =
        [
            new ProcessDraft
            {
                Code = "first", Name = "First line", Queues = [new QueueDraft { Code = "general", Name = "General" }], DefaultQueue = "general",
                Transitions = [new RuleDraft { Condition = """{"==":[{"var":"kind"},"consultation"]}""", Target = Transition.Close }],
                DefaultNext = "second",
            },
            new ProcessDraft
            {
                Code = "second", Name = "Second line",
                Queues = [new QueueDraft { Code = "second_general", Name = "General" }, new QueueDraft { Code = "vip", Name = "VIP" }],
                QueueRules = [new RuleDraft { Condition = """{"==":[{"var":"customer.vip"},true]}""", Target = "vip" }],
                DefaultQueue = "second_general", DefaultNext = Transition.Close,
            },
        ],
    };
}
