using System.Text;

namespace Portal.Tests.Integration.PromQl;

/// <summary>The expressions the parser is compared on: hand-written edge cases, the fixture documents' own (seeds.txt), and generated ones.</summary>
public static class PromQlCorpus
{
    public static IReadOnlyList<string> Load()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Data", "promql");
        var expressions = Directory.GetFiles(directory, "*.txt").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadAllLines)
            .Where(line => !line.StartsWith("#!", StringComparison.Ordinal) && line.Length > 0)
            .Select(line => line.Replace('⏎', '\n'))
            .ToList();
        expressions.AddRange(Generate(seed: 2042, count: 200));
        return expressions.Distinct(StringComparer.Ordinal).ToList();
    }

    private static readonly string[] Metrics =
    [
        "up", "prometheus_http_requests_total", "process_cpu_seconds_total", "go_goroutines",
        "prometheus_http_request_duration_seconds_bucket", "node_cpu_seconds_total", "redis_memory_used_bytes",
        "pg_up", "http_requests_total", "http_request_duration_seconds_bucket",
    ];

    private static readonly string[] Labels = ["job", "instance", "mode", "handler", "code", "le", "replica"];
    private static readonly string[] Ranges = ["1m", "5m", "30s", "1h", "2m30s"];
    private static readonly string[] Binary = ["+", "-", "*", "/", "%", "^", "==", "!=", ">", "<", ">=", "<=", "and", "or", "unless", "> bool", "== bool"];
    private static readonly string[] Aggregations = ["sum", "avg", "min", "max", "count", "group", "stddev", "stdvar"];

    /// <summary>Random expressions from the grammar, a third of them then damaged by one edit.</summary>
    public static IEnumerable<string> Generate(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var expression = Expression(random, depth: 0);
            yield return random.Next(3) == 0 ? Mutate(random, expression) : expression;
        }
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static string Selector(Random random)
    {
        var text = new StringBuilder(Pick(random, Metrics));
        if (random.Next(2) == 0)
        {
            var op = Pick(random, ["=", "!=", "=~", "!~"]);
            var value = op.Contains('~') ? Pick(random, [".+", "p.*", "node|redis", "x?"]) : Pick(random, ["prometheus", "node", ""]);
            text.Append('{').Append(Pick(random, Labels)).Append(op).Append('"').Append(value).Append("\"}");
        }

        return text.ToString();
    }

    private static string Expression(Random random, int depth)
    {
        var choice = depth > 2 ? random.Next(3) : random.Next(9);
        return choice switch
        {
            0 => Selector(random),
            1 => Pick(random, ["1", "0.5", "100", "1e3", "-2", "Inf"]),
            2 => $"{Pick(random, ["rate", "irate", "increase", "avg_over_time", "max_over_time", "changes"])}({Selector(random)}[{Pick(random, Ranges)}])",
            3 => $"{Pick(random, Aggregations)} by ({Pick(random, Labels)}) ({Expression(random, depth + 1)})",
            4 => $"{Expression(random, depth + 1)} {Pick(random, Binary)} {Expression(random, depth + 1)}",
            5 => $"({Expression(random, depth + 1)})",
            6 => $"{Pick(random, ["abs", "ceil", "floor", "sqrt", "sort", "timestamp", "absent"])}({Expression(random, depth + 1)})",
            7 => $"topk({random.Next(1, 5)}, {Expression(random, depth + 1)})",
            _ => $"{Selector(random)} offset {Pick(random, Ranges)}",
        };
    }

    private static string Mutate(Random random, string expression)
    {
        var position = random.Next(expression.Length);
        return random.Next(3) switch
        {
            0 => expression.Remove(position, 1),
            1 => expression.Insert(position, Pick(random, ["(", ")", "{", "}", "[", "]", ",", "\"", "@", "offset ", "by ", "1"])),
            _ => expression[..position] + Pick(random, [" ", "+", "x", ":", "="]) + expression[(position + 1)..],
        };
    }
}
