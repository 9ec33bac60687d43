using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Persistence;

namespace Portal.Tests.Integration.Catalog;

/// <summary>A migrated database of the test class's own, and the real store on top of it.</summary>
public sealed class CatalogDatabase : IAsyncLifetime
{
    private ServiceProvider? _services;

    public string Name { get; private set; } = "";

    public IRuleStore Store => _services!.GetRequiredService<IRuleStore>();

    public Portal.Infrastructure.Reviews.IReviewStore Reviews => _services!.GetRequiredService<Portal.Infrastructure.Reviews.IReviewStore>();

    public Portal.Infrastructure.Audit.IAuditLog Audit => _services!.GetRequiredService<Portal.Infrastructure.Audit.IAuditLog>();

    public IDbContextFactory<PortalDbContext> Contexts => _services!.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    public async Task InitializeAsync()
    {
        Name = await TestStack.CreateDatabaseAsync("catalog");
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContextFactory<PortalDbContext>(o => o.UseNpgsql(TestStack.DatabaseConnection(Name),
            npgsql => npgsql.MigrationsAssembly(DatabaseMigrations.AssemblyName)));
        services.AddSingleton<DatabaseMigrations>();
        services.AddSingleton<IRuleStore, RuleStore>();
        services.AddSingleton<Portal.Infrastructure.Reviews.IReviewStore, Portal.Infrastructure.Reviews.ReviewStore>();
        services.AddSingleton<ICatalogLifecycle>(sp => (RuleStore)sp.GetRequiredService<IRuleStore>());
        services.AddSingleton<Portal.Infrastructure.Audit.IAuditLog, Portal.Infrastructure.Audit.AuditLog>();
        services.AddSingleton<Portal.Infrastructure.Access.AccessGuard>();
        services.AddSingleton<ITeams, Teams>();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DatabaseMigrations>().ApplyAsync(default);
        foreach (var team in Teams)
        {
            Assert.Empty(await TeamStore.CreateAsync(As.Admin("fixture"), team, null, default));
        }
    }

    /// <summary>The teams the catalog tests name; namespaces need an existing owner.</summary>
    public static readonly string[] Teams = ["team-a", "team-b", "pay", "sre"];

    public ITeams TeamStore => _services!.GetRequiredService<ITeams>();

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await TestStack.DropDatabaseAsync(Name);
    }
}
