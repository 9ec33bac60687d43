using Portal;
using Portal.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalInfrastructure();
builder.Services.AddPortalUi(builder.Environment);

var app = builder.Build();

if (args.Contains("migrate"))
{
    return await app.MigrateAndExitAsync();
}

await app.RefusePendingMigrationsAsync();
app.UsePortal();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
