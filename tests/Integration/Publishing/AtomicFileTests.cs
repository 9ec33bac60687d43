using System.IO.Enumeration;
using Portal.Infrastructure.Publishing;

namespace Portal.Tests.Integration.Publishing;

[Collection(PublishingStack.Collection)]
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("portal-atomic-").FullName;

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Write_ReplacesTheFile_AndLeavesNoTemporaryFileBehind()
    {
        await AtomicFile.WriteAsync(_directory, "team.yml", "groups: []\n", default);
        await AtomicFile.WriteAsync(_directory, "team.yml", "groups:\n- name: a\n  rules: []\n", default);

        Assert.Equal("groups:\n- name: a\n  rules: []\n", await File.ReadAllTextAsync(Path.Combine(_directory, "team.yml")));
        Assert.Equal(["team.yml"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Write_InterruptedBetweenWriteAndRename_LeavesTheOldFileWhole()
    {
        await AtomicFile.WriteAsync(_directory, "team.yml", "old\n", default);
        string? temporary = null;
        void Crash(string path)
        {
            temporary = path;
            Assert.Equal("new content\n", File.ReadAllText(path));
            throw new IOException("simulated crash before rename");
        }

        await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(_directory, "team.yml", "new content\n", default, Crash));

        Assert.Equal("old\n", await File.ReadAllTextAsync(Path.Combine(_directory, "team.yml")));
        Assert.NotNull(temporary);
        // Had the process died, the temporary file would remain: Prometheus' glob must not load it.
        Assert.False(FileSystemName.MatchesSimpleExpression("*.yml", Path.GetFileName(temporary)));
        Assert.False(FileSystemName.MatchesSimpleExpression("*.yaml", Path.GetFileName(temporary)));
    }

    [Theory]
    [InlineData("../escape.yml")]
    [InlineData(".hidden.yml")]
    [InlineData("a/b.yml")]
    public async Task Write_RefusesNamesOutsideThePlainFileNames(string name) =>
        await Assert.ThrowsAsync<ArgumentException>(() => AtomicFile.WriteAsync(_directory, name, "x", default));
}

[CollectionDefinition(nameof(AtomicFileTests), DisableParallelization = true)]
public sealed class AtomicFileCollection;
