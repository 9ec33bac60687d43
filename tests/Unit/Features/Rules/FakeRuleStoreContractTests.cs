using Portal.Infrastructure.Catalog;
using Portal.Tests.Contracts;

namespace Portal.Tests.Unit.Features.Rules;

/// <summary>The fake the page tests use keeps the contract the real store keeps (tests/Integration/Catalog/RuleStoreContractTests).</summary>
public sealed class FakeRuleStoreContractTests : RuleStoreContract
{
    protected override IRuleStore Store { get; } = new FakeRuleStore();

    protected override string Team => "team-a";
}
