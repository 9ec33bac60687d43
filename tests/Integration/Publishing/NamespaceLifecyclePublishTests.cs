using Portal.Domain.Access;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Publishing;

namespace Portal.Tests.Integration.Publishing;

/// <summary>What the next publish does after a namespace is renamed, archived or deleted: on disk and in Prometheus.</summary>
[Collection(PublishingStack.Collection)]
public sealed class NamespaceLifecyclePublishTests(PublishingStack stack)
{
    private static readonly Caller Actor = Caller.Of("lifecycle-test", [PortalRole.Admin], []);

    private static string Ns(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static string Alert(string name) => $"groups:\n- name: g\n  rules:\n  - alert: {name}\n    expr: vector(1) > 0\n    labels:\n      severity: warning\n";

    private async Task PublishLiveAsync(string note)
    {
        var result = await stack.Publisher.PublishAsync(new PublishRequest(note, Confirm: true, ConfirmEmpty: true), Actor, default);
        Assert.True(result.Release is not null, result.Refusal);
        Assert.All(result.Release!.Targets, t => Assert.Equal(TargetOutcome.Live, t.Outcome));
    }

    private static async Task<IReadOnlyList<string>> LoadedFilesAsync(PublishTargetOptions target) =>
        (await PublishingStack.Prometheus(target).RulesAsync(default)).Select(g => Path.GetFileName(g.File)).Distinct().ToList();

    [Fact]
    public async Task TheNextPublish_RemovesArchivedAndDeletedFiles_AndWritesARenamedOneUnderItsNewName()
    {
        var (archived, deleted, renamed) = (Ns("archived"), Ns("deleted"), Ns("renamed"));
        var newName = Ns("newname");
        foreach (var ns in new[] { archived, deleted, renamed })
        {
            Assert.True((await stack.Rules.ImportAsync(new ImportRequest(Alert("Lifecycle"), ns), Actor, default)).Succeeded);
        }

        await PublishLiveAsync("before the lifecycle changes");
        var lifecycle = (ICatalogLifecycle)stack.Rules;
        Assert.True((await lifecycle.ChangeNamespaceAsync(archived, new NamespaceChange(Archived: true), Actor, default)).Succeeded);
        Assert.True((await lifecycle.DeleteNamespaceAsync(deleted, deleted, Actor, default)).Succeeded);
        Assert.True((await lifecycle.ChangeNamespaceAsync(renamed, new NamespaceChange(Name: newName), Actor, default)).Succeeded);

        await PublishLiveAsync("after the lifecycle changes");

        foreach (var target in stack.Pair)
        {
            var files = Directory.GetFiles(target.RulesDirectory).Select(Path.GetFileName).ToList();
            Assert.DoesNotContain(archived + ".yml", files);
            Assert.DoesNotContain(deleted + ".yml", files);
            Assert.DoesNotContain(renamed + ".yml", files);
            Assert.Contains(newName + ".yml", files);
            var loaded = await LoadedFilesAsync(target);
            Assert.DoesNotContain(archived + ".yml", loaded);
            Assert.DoesNotContain(deleted + ".yml", loaded);
            Assert.Contains(newName + ".yml", loaded);
        }
    }
}
