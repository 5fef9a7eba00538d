using System.Reflection;

namespace Ktp.Architecture.Tests;

/// <summary>
/// A module: its namespaces in each project, its folders, and the tables it owns. <paramref name="ReadByAll"/>: others
/// may read its tables (the tenants catalog every module stands on) but never write them.
/// </summary>
public sealed record Module(string Name, string[] Namespaces, string[] Folders, string[] Tables, bool ReadByAll = false)
{
    public static readonly Assembly Domain = typeof(Ktp.Domain.Common.Validation).Assembly;
    public static readonly Assembly Infrastructure = typeof(Ktp.Infrastructure.Database.KtpDatabase).Assembly;
    public static readonly Assembly Tenancy = typeof(Ktp.Tenancy.Tenants.TenantSignedUp).Assembly;
    public static readonly Assembly Web = typeof(Ktp.Web.Hosting.KtpModules).Assembly;

    public static readonly Module[] All =
    [
        new("Tenancy", ["Ktp.Tenancy", "Ktp.Web.Tenants"], ["src/Tenancy", "src/Web/Tenants"],
            ["tenants", "tenant_activity"], ReadByAll: true),
        new("Identity", ["Ktp.Infrastructure.Identity", "Ktp.Web.Identity"], ["src/Infrastructure/Identity", "src/Web/Identity"],
            ["users", "user_roles", "role_privileges", "api_keys", "api_clients"]),
        new("Platform", ["Ktp.Web.Platform"], ["src/Web/Platform"], []),
        new("Billing", ["Ktp.Infrastructure.Billing", "Ktp.Web.Billing"], ["src/Infrastructure/Billing", "src/Web/Billing"],
            ["account_balances", "account_ledger", "plans", "plan_versions", "usage_daily", "payment_events", "payment_failures", "checkout_sessions"]),
        new("Projects", ["Ktp.Infrastructure.Projects", "Ktp.Web.Projects"], ["src/Infrastructure/Projects", "src/Web/Projects"],
            ["projects", "project_members", "project_routes", "project_settings"]),
        new("Inquiries", ["Ktp.Infrastructure.Inquiries", "Ktp.Web.Inquiries"], ["src/Infrastructure/Inquiries", "src/Web/Inquiries"],
            ["inquiries", "inquiry_attribute_values", "inquiry_numbers", "inquiry_repeats", "attachments", "contacts", "customers",
             "saved_filters", "backoffice_columns", "system_problems", "system_problem_links"]),
        new("Orders", ["Ktp.Infrastructure.Orders", "Ktp.Web.Orders"], ["src/Infrastructure/Orders", "src/Web/Orders"],
            ["process_definitions", "catalogue_services", "order_numbers", "orders", "order_requests", "order_services", "process_tasks", "process_incidents"]),
    ];

    /// <summary>The platform's own tables (Infrastructure's platform folders), and those the earlier store left behind.</summary>
    public static readonly string[] PlatformTables =
    [
        "platform_audit", "data_protection_keys", "dev_mailbox", "scheduled_message_keys",
        "events", "streams", "archived_events", "outbox", "projection_checkpoints",
    ];

    public bool Owns(Type type) => Namespaces.Any(ns => type.Namespace == ns || type.Namespace?.StartsWith(ns + ".", StringComparison.Ordinal) == true);

    /// <summary>The module's types others may use: its <c>Contracts</c> namespaces.</summary>
    public static bool IsContract(Type type) => type.Namespace?.Split('.').Contains("Contracts") == true;

    public IEnumerable<Type> InternalTypes() =>
        new[] { Infrastructure, Tenancy, Web }.SelectMany(a => a.GetTypes())
            .Where(t => Owns(t) && !IsContract(t) && !t.Name.Contains('<') && t.DeclaringType is null);

    public override string ToString() => Name;
}
