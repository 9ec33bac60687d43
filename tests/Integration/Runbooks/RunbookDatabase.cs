using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Runbooks;
using Portal.Tests.Integration.Catalog;

namespace Portal.Tests.Integration.Runbooks;

/// <summary>The catalog tests' database (teams sre and pay among others, rules to link) with the real runbook store on top.</summary>
public sealed class RunbookDatabase : IAsyncLifetime
{
    private readonly CatalogDatabase _catalog = new();

    public IRunbookStore Store { get; private set; } = null!;

    public IRuleStore Rules => _catalog.Store;

    public IAuditLog Audit => _catalog.Audit;

    /// <summary>The same database read by a rule store that knows the portal's public address, as publishing uses it.</summary>
    public IRuleStore RulesAt(string? publicUrl) => new RuleStore(_catalog.Contexts, TimeProvider.System, new Portal.Infrastructure.Access.AccessGuard(_catalog.Audit),
        portalUrl: Microsoft.Extensions.Options.Options.Create(new PortalUrlOptions { PublicUrl = publicUrl }));

    public IRunbookCoverage Coverage => new RunbookCoverage(_catalog.Contexts);

    public async Task InitializeAsync()
    {
        await _catalog.InitializeAsync();
        Store = new RunbookStore(_catalog.Contexts, TimeProvider.System, new Portal.Infrastructure.Access.AccessGuard(_catalog.Audit));
    }

    public Task DisposeAsync() => _catalog.DisposeAsync();
}
