namespace Ktp.Web.Api;

/// <summary>The integration API's OpenAPI document at <c>/api/openapi/v1.json</c> (Swashbuckle from the endpoint metadata).</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddKtpOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new() { Title = "KTP integration API", Version = "v1",
                Description = "Per-tenant API under /t/{slug}/api/v1. Authenticate with an API key: Authorization: Bearer ktp_…" });
            o.DocInclusionPredicate((_, api) => api.RelativePath?.Contains("/api/v1/", StringComparison.Ordinal) == true);
            o.CustomSchemaIds(type => type.FullName!.Replace('+', '.'));
        });
        return services;
    }

    public static WebApplication MapKtpOpenApi(this WebApplication app)
    {
        app.UseSwagger(o => o.RouteTemplate = "api/openapi/{documentName}.json");
        return app;
    }
}
