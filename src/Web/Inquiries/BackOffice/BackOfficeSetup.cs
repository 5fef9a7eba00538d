using Ktp.Infrastructure.EventStore;

namespace Ktp.Web.Inquiries.BackOffice;

public static class BackOfficeSetup
{
    /// <summary>The back office list, group operations, system problems, saved filters and the customer card.</summary>
    public static IServiceCollection AddKtpBackOffice(this IServiceCollection services)
    {
        services.AddSingleton<IInlineProjection, ProblemLinkProjection>();
        services.AddSingleton<IInlineProjection, AttributeIndexProjection>();
        services.AddSingleton<IInlineProjection, RepeatInquiryProjection>();
        services.AddScoped<InquirySearch>();
        services.AddScoped<InquiryItemRunner>();
        services.AddScoped<BackOfficeOperations>();
        services.AddScoped<SystemProblems>();
        services.AddScoped<SavedFilters>();
        services.AddScoped<CustomerCard>();
        return services;
    }
}
