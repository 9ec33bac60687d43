using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Capacity;

namespace Portal.Tests.Unit.Features.Capacity;

/// <summary>Component tests of the Capacity page: a fake store and evaluator, the runbook fakes for the editor's picker, an Admin unless a test signs in someone else.</summary>
public abstract class CapacityTestContext : Runbooks.RunbooksTestContext
{
    internal FakeCapacityStore Capacity { get; } = new();

    internal FakeCapacityEvaluator Evaluator { get; } = new();

    protected CapacityTestContext()
    {
        Services.AddSingleton<ICapacityStore>(Capacity);
        Services.AddSingleton<ICapacityEvaluator>(Evaluator);
    }
}
