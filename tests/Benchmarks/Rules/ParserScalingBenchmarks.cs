using BenchmarkDotNet.Attributes;
using Portal.Domain.PromQl;

namespace Portal.Benchmarks.Rules;

/// <summary>
/// The parser must stay linear in the input: time per term should not grow as expressions get
/// longer (long sums, many matchers, deep but legal nesting, long strings).
/// </summary>
[MemoryDiagnoser]
public class ParserScalingBenchmarks
{
    private string _sum = "";
    private string _matchers = "";
    private string _nested = "";
    private string _longString = "";

    [Params(100, 1_000, 10_000)]
    public int Terms { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sum = string.Join(" + ", Enumerable.Range(0, Terms).Select(i => $"rate(m{i}_total[5m])"));
        _matchers = "up{" + string.Join(",", Enumerable.Range(0, Terms).Select(i => $"l{i}=\"v{i}\"")) + "}";
        var depth = Math.Min(Terms, 250);
        _nested = string.Concat(Enumerable.Repeat("abs(", depth)) + "up" + new string(')', depth) + string.Concat(Enumerable.Repeat(" + up", Terms - depth));
        _longString = "label_replace(up, \"dst\", \"" + new string('x', Terms * 20) + "\", \"src\", \".*\")";
    }

    [Benchmark]
    public bool LongSum() => PromQlParser.Parse(_sum).IsValid;

    [Benchmark]
    public bool ManyMatchers() => PromQlParser.Parse(_matchers).IsValid;

    [Benchmark]
    public bool NestedCalls() => PromQlParser.Parse(_nested).IsValid;

    [Benchmark]
    public bool LongString() => PromQlParser.Parse(_longString).IsValid;
}
