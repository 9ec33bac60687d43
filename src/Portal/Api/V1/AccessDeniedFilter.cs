using Portal.Infrastructure.Access;

namespace Portal.Api.V1;

/// <summary>
/// The stores and services check the caller's rights themselves and audit a refusal; this filter turns the
/// refusals they throw into the API's 403 with the policy's reason.
/// </summary>
internal sealed class AccessDeniedFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (AccessDeniedException denied)
        {
            return ApiProblems.Forbidden(denied.Reason);
        }
    }
}
