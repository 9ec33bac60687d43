using Portal.Domain.Catalog;

namespace Portal.Tests.Unit.Domain.Catalog;

public class LineDiffTests
{
    private static string Show(IReadOnlyList<DiffLine> diff) =>
        string.Join("|", diff.Select(d => (d.Kind switch { DiffKind.Added => "+", DiffKind.Removed => "-", _ => " " }) + d.Text));

    [Fact]
    public void Compute_EqualTexts_AreAllUnchanged_WithBothLineNumbers()
    {
        var diff = LineDiff.Compute("a\nb\nc\n", "a\nb\nc\n");

        Assert.All(diff, d => Assert.Equal(DiffKind.Unchanged, d.Kind));
        Assert.Equal([(1, 1), (2, 2), (3, 3)], diff.Select(d => (d.OldLine!.Value, d.NewLine!.Value)));
    }

    [Fact]
    public void Compute_OneChangedLine_IsRemovedThenAdded_BetweenUnchangedNeighbours()
    {
        var diff = LineDiff.Compute("expr: up > 1\nfor: 5m\nlabels: {}", "expr: up > 2\nfor: 5m\nlabels: {}");

        Assert.Equal("-expr: up > 1|+expr: up > 2| for: 5m| labels: {}", Show(diff));
        Assert.Equal(1, diff[0].OldLine);
        Assert.Null(diff[0].NewLine);
        Assert.Null(diff[1].OldLine);
        Assert.Equal(1, diff[1].NewLine);
    }

    [Fact]
    public void Compute_InsertedLineInTheMiddle_IsTheOnlyAddition()
    {
        var diff = LineDiff.Compute("a\nb\nd\ne", "a\nb\nc\nd\ne");

        Assert.Equal(" a| b|+c| d| e", Show(diff));
        Assert.Equal(3, diff[2].NewLine);
        Assert.Equal((3, 4), (diff[3].OldLine!.Value, diff[3].NewLine!.Value));
    }

    [Fact]
    public void Compute_KeepsTheLongestCommonSubsequence_NotJustTheCommonEnds()
    {
        var diff = LineDiff.Compute("x\na\nb\nc\ny", "z\na\nc\nb\nc\nw");

        Assert.Equal(3, diff.Count(d => d.Kind == DiffKind.Unchanged));
        Assert.Equal("a,b,c", string.Join(",", diff.Where(d => d.Kind == DiffKind.Unchanged).Select(d => d.Text)));
        Assert.Equal(["x", "y"], diff.Where(d => d.Kind == DiffKind.Removed).Select(d => d.Text));
        Assert.Equal(["z", "c", "w"], diff.Where(d => d.Kind == DiffKind.Added).Select(d => d.Text));
    }

    [Fact]
    public void Compute_FromNothing_AddsEveryLine_AndToNothing_RemovesEveryLine()
    {
        Assert.Equal("+a|+b", Show(LineDiff.Compute("", "a\nb\n")));
        Assert.Equal("-a|-b", Show(LineDiff.Compute("a\nb", "")));
        Assert.Empty(LineDiff.Compute("", ""));
    }

    [Fact]
    public void Compute_IgnoresCrLfVersusLf_AndAFinalLineBreak()
    {
        var diff = LineDiff.Compute("a\r\nb\r\n", "a\nb");

        Assert.Equal(" a| b", Show(diff));
    }

    [Fact]
    public void Compute_TooLargeForTheTable_StillShowsEveryLineOnce()
    {
        var old = string.Join("\n", Enumerable.Range(0, 2500).Select(i => "old " + i));
        var @new = string.Join("\n", Enumerable.Range(0, 2500).Select(i => "new " + i));

        var diff = LineDiff.Compute("head\n" + old + "\ntail", "head\n" + @new + "\ntail");

        Assert.Equal(2 + 2500 + 2500, diff.Count);
        Assert.Equal(" head", Show(diff.Take(1).ToList()));
        Assert.Equal(" tail", Show(diff.TakeLast(1).ToList()));
        Assert.Equal(2500, diff.Count(d => d.Kind == DiffKind.Removed));
        Assert.Equal(2500, diff.Count(d => d.Kind == DiffKind.Added));
    }

    [Fact]
    public void Compute_ReplayingTheDiff_GivesBothTextsBack()
    {
        var random = new Random(42);
        for (var round = 0; round < 200; round++)
        {
            var a = Enumerable.Range(0, random.Next(0, 12)).Select(_ => ((char)('a' + random.Next(0, 4))).ToString()).ToList();
            var b = Enumerable.Range(0, random.Next(0, 12)).Select(_ => ((char)('a' + random.Next(0, 4))).ToString()).ToList();

            var diff = LineDiff.Compute(string.Join("\n", a), string.Join("\n", b));

            Assert.Equal(a, diff.Where(d => d.Kind != DiffKind.Added).Select(d => d.Text));
            Assert.Equal(b, diff.Where(d => d.Kind != DiffKind.Removed).Select(d => d.Text));
        }
    }
}
