using Portal.Domain.Access;
using Portal.Infrastructure.Publishing;

namespace Portal.Tests.Unit.Features.Publishing;

/// <summary>
/// An <see cref="IPublisher"/> for component tests: answers with the plan, drift and results tests set, logs
/// every call, and can hold a publish in flight (<see cref="PublishGate"/>) to test what a second click does.
/// </summary>
internal sealed class FakePublisher : IPublisher
{
    public PublishPlan Plan { get; set; } = PublishingData.Plan();

    public int PlanCalls { get; private set; }

    /// <summary>When set, <see cref="PlanAsync"/> waits for it: the page is still planning.</summary>
    public TaskCompletionSource? PlanGate { get; set; }

    /// <summary>When set, <see cref="PlanAsync"/> throws it.</summary>
    public Exception? PlanFailure { get; set; }

    public List<(PublishRequest Request, string Actor)> Publishes { get; } = [];

    /// <summary>When set, <see cref="PublishAsync"/> waits for it after logging the call: a publish in flight.</summary>
    public TaskCompletionSource? PublishGate { get; set; }

    /// <summary>The answer to a publish; by default a release live on every target of the plan.</summary>
    public Func<PublishRequest, PublishResult>? PublishAnswer { get; set; }

    public Exception? PublishFailure { get; set; }

    public List<(long Release, PublishRequest Request, string Actor)> Rollbacks { get; } = [];

    public Func<long, PublishRequest, PublishResult>? RollbackAnswer { get; set; }

    public IReadOnlyList<TargetDrift> Drift { get; set; } = [];

    public int DriftCalls { get; private set; }

    public List<(string Target, string Actor)> Overwrites { get; } = [];

    /// <summary>Every plan the page asked for, with the namespaces it chose.</summary>
    public List<PublishRequest> PlanRequests { get; } = [];

    public Task<PublishPlan> PlanAsync(PublishRequest request, Caller caller, CancellationToken ct)
    {
        PlanRequests.Add(request);
        return PlanAsync(ct);
    }

    public Task<IReadOnlyList<TargetLive>> LiveAsync(CancellationToken ct) => Task.FromResult(Plan.Live);

    public Task<PublishPlan> PlanAsync(CancellationToken ct)
    {
        PlanCalls++;
        return PlanGate is { } gate ? AfterAsync(gate) : Answer();

        async Task<PublishPlan> AfterAsync(TaskCompletionSource g)
        {
            await g.Task.WaitAsync(ct);
            return await Answer();
        }

        Task<PublishPlan> Answer() => PlanFailure is { } failure ? Task.FromException<PublishPlan>(failure) : Task.FromResult(Plan);
    }

    public async Task<PublishResult> PublishAsync(PublishRequest request, Caller caller, CancellationToken ct)
    {
        var actor = caller.Name;
        Publishes.Add((request, actor));
        if (PublishGate is { } gate)
        {
            await gate.Task.WaitAsync(ct);
        }

        if (PublishFailure is { } failure)
        {
            throw failure;
        }

        return PublishAnswer?.Invoke(request)
               ?? new PublishResult(Plan, PublishingData.Summary(number: (Plan.CurrentRelease ?? 0) + 1, note: request.Note, actor: actor,
                   targets: [.. Plan.Targets.Select(t => PublishingData.Target(t, TargetOutcome.Live))]), null);
    }

    public Task<PublishResult> RollbackAsync(long release, PublishRequest request, Caller caller, CancellationToken ct)
    {
        var actor = caller.Name;
        Rollbacks.Add((release, request, actor));
        return Task.FromResult(RollbackAnswer?.Invoke(release, request)
            ?? new PublishResult(Plan, PublishingData.Summary(number: 100, note: request.Note, actor: actor, rollbackOf: release), null));
    }

    public Task<IReadOnlyList<TargetDrift>> DriftAsync(CancellationToken ct)
    {
        DriftCalls++;
        return Task.FromResult(Drift);
    }

    public Task<TargetResult> OverwriteDriftAsync(string target, Caller caller, CancellationToken ct)
    {
        var actor = caller.Name;
        Overwrites.Add((target, actor));
        // Overwritten: the target holds its release again.
        Drift = [.. Drift.Select(d => d.Target == target ? d with { Files = [] } : d)];
        return Task.FromResult(PublishingData.Target(target, TargetOutcome.Live, "release files restored and verified"));
    }
}
