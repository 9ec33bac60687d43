using Portal.Infrastructure.Capacity;

namespace Portal.Tests.Unit.Features.Capacity;

/// <summary>Answers the report the test sets, or throws what the test sets; counts the evaluations.</summary>
internal sealed class FakeCapacityEvaluator : ICapacityEvaluator
{
    public CapacityReport Report { get; set; } = CapacityData.Report();

    public Exception? Failure { get; set; }

    public int Evaluations { get; private set; }

    public Task<CapacityReport> EvaluateAsync(CancellationToken ct)
    {
        Evaluations++;
        return Failure is { } failure ? Task.FromException<CapacityReport>(failure) : Task.FromResult(Report);
    }
}
