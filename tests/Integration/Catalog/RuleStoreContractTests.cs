using Portal.Infrastructure.Catalog;
using Portal.Tests.Contracts;

namespace Portal.Tests.Integration.Catalog;

/// <summary>The real store over PostgreSQL keeps the contract the page tests' fake keeps (tests/Unit/Features/Rules/FakeRuleStoreContractTests).</summary>
public sealed class RuleStoreContractTests(CatalogDatabase database) : RuleStoreContract, IClassFixture<CatalogDatabase>
{
    protected override IRuleStore Store => database.Store;

    protected override string Team => CatalogDatabase.Teams[0];
}
