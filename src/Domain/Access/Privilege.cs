namespace Ktp.Domain.Access;

/// <summary>
/// What a user may do. Privileges are granted to roles; a user's permission claims are the union of
/// the privileges of the user's roles. Names are stable: they are stored in role settings.
/// </summary>
public static class Privilege
{
    public const string UsersManage = "users.manage";
    public const string RolesManage = "roles.manage";
    public const string SettingsManage = "settings.manage";
    public const string AuditView = "audit.view";
    public const string InquiriesWork = "inquiries.work";
    public const string InquiriesManage = "inquiries.manage";
    public const string ProjectsConfigure = "projects.configure";
    public const string ProjectsMonitor = "projects.monitor";
    public const string ReportsView = "reports.view";
    public const string WorkforcePlan = "workforce.plan";
    public const string QualityEvaluate = "quality.evaluate";
    public const string QualityConfigure = "quality.configure";
    public const string HrRecords = "hr.records";
    public const string BillingView = "billing.view";
    public const string BillingTopUp = "billing.topup";
    public const string CustomerPortal = "customer.portal";
    public const string OrdersWork = "orders.work";
    public const string OrdersManage = "orders.manage";
    public const string OrdersConfigure = "orders.configure";

    /// <summary>Platform operator only; never granted inside a customer tenant.</summary>
    public const string PlatformAdmin = "platform.admin";

    /// <summary>Privileges a tenant admin can grant, in display order.</summary>
    public static readonly IReadOnlyList<string> TenantPrivileges =
    [
        UsersManage, RolesManage, SettingsManage, AuditView,
        InquiriesWork, InquiriesManage, ProjectsConfigure, ProjectsMonitor, ReportsView,
        WorkforcePlan, QualityEvaluate, QualityConfigure, HrRecords,
        BillingView, BillingTopUp, CustomerPortal,
        OrdersWork, OrdersManage, OrdersConfigure,
    ];

    public static bool IsKnown(string privilege) => privilege == PlatformAdmin || TenantPrivileges.Contains(privilege);
}
