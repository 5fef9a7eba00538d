namespace Ktp.Domain.Access;

/// <summary>The roles of SPEC.md with the privileges a new tenant starts with; tenant admins adjust them.</summary>
public static class Role
{
    public const string Operator = "operator";
    public const string ProjectManager = "project_manager";
    public const string ProjectGroupManager = "project_group_manager";
    public const string Customer = "customer";
    public const string Executor = "executor";
    public const string QualitySpecialist = "qa";
    public const string QualityLead = "qa_lead";
    public const string Hr = "hr";
    public const string TenantAdmin = "tenant_admin";
    public const string SaasAdmin = "saas_admin";

    public static readonly IReadOnlyList<string> TenantRoles =
        [Operator, ProjectManager, ProjectGroupManager, Customer, Executor, QualitySpecialist, QualityLead, Hr, TenantAdmin];

    public static IReadOnlyList<string> DefaultPrivileges(string role) => role switch
    {
        Operator => [Privilege.InquiriesWork],
        ProjectManager => [Privilege.InquiriesWork, Privilege.InquiriesManage, Privilege.ProjectsConfigure, Privilege.ProjectsMonitor, Privilege.ReportsView,
            Privilege.OrdersWork, Privilege.OrdersManage, Privilege.OrdersConfigure],
        ProjectGroupManager => [Privilege.InquiriesManage, Privilege.ProjectsMonitor, Privilege.ReportsView, Privilege.WorkforcePlan],
        Customer => [Privilege.CustomerPortal, Privilege.ReportsView, Privilege.BillingView, Privilege.BillingTopUp],
        Executor => [Privilege.InquiriesWork, Privilege.OrdersWork],
        QualitySpecialist => [Privilege.QualityEvaluate],
        QualityLead => [Privilege.QualityEvaluate, Privilege.QualityConfigure, Privilege.ReportsView],
        Hr => [Privilege.HrRecords],
        TenantAdmin => [Privilege.UsersManage, Privilege.RolesManage, Privilege.SettingsManage, Privilege.AuditView, Privilege.ProjectsConfigure, Privilege.ProjectsMonitor,
            Privilege.BillingView, Privilege.BillingTopUp, Privilege.OrdersManage, Privilege.OrdersConfigure],
        SaasAdmin => [Privilege.PlatformAdmin],
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };
}
