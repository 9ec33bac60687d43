using Portal.Security;

namespace Portal.Api.V1;

/// <summary>The JSON API for automation under /api/v1: one route group, one token policy for all of it.</summary>
public static class ApiV1
{
    public const string Prefix = "/api/v1";

    public static IServiceCollection AddApiV1(this IServiceCollection services)
    {
        services.AddOptions<ApiSettings>().BindConfiguration(ApiSettings.Section);
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitUser>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitUserHandler>();
        services.AddScoped<ActingUser>();
        return services;
    }

    public static IEndpointRouteBuilder MapApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix)
            // Scripts are not signed in by cookie: only a bearer token authenticates here (ApiTokenHandler), and
            // the authorization middleware answers for a missing or wrong one before anything is read.
            .RequireAuthorization(ApiTokenAuthentication.Policy)
            .AddEndpointFilter<AccessDeniedFilter>()
            // Bearer tokens are not sent by browsers on their own, so a forged form post cannot use them.
            .DisableAntiforgery();
        api.MapRules().MapRunbooks().MapCapacity().MapIncidents().MapNamespaces().MapNamespaceLifecycle().MapReviews().MapTeams().MapImport().MapExport().MapLint().MapTuning().MapPublishing().MapLive().MapStatus();
        // Unknown API paths answer as problem details too, not with the UI's HTML not-found page.
        api.Map("/{**path}", (HttpRequest request) =>
            ApiProblems.NotFound($"There is no API endpoint {request.Method} {request.Path}."));
        return app;
    }
}
