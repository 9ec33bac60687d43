using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Domain.PromQl;
using Xunit.Abstractions;

namespace Portal.Tests.Integration.PromQl;

/// <summary>The parser against Prometheus 2.42 itself: the same verdict on every expression, and the same result for what we print.</summary>
public class ParserDifferentialTests(ITestOutputHelper output)
{
    // A fixed evaluation time inside the test stack's life so that both queries see the same data.
    private static readonly string EvaluationTime = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5).ToString();

    private static async Task<JsonElement> QueryAsync(HttpClient http, string query)
    {
        using var response = await http.PostAsync("api/v1/query",
            new FormUrlEncodedContent([new("query", query), new("time", EvaluationTime)]));
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static bool IsParseError(JsonElement answer) =>
        answer.GetProperty("status").GetString() == "error" && answer.GetProperty("errorType").GetString() == "bad_data";

    [Fact]
    public async Task Parser_AgreesWithPrometheus_OnEveryExpressionOfTheCorpus()
    {
        var corpus = PromQlCorpus.Load();
        using var http = new HttpClient { BaseAddress = TestStack.PrometheusUrl };
        var disagreements = new ConcurrentBag<string>();
        var printedMismatches = new ConcurrentBag<string>();
        var validCount = 0;

        await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (expression, ct) =>
        {
            var ours = PromQlParser.Parse(expression);
            var theirs = await QueryAsync(http, expression);
            var prometheusValid = !IsParseError(theirs);
            if (ours.IsValid != prometheusValid)
            {
                var why = prometheusValid ? "Prometheus accepts" : "Prometheus: " + theirs.GetProperty("error").GetString();
                disagreements.Add($"{Show(expression)}  ours: {(ours.IsValid ? "valid" : ours.Error!.ToString())}  |  {why}");
                return;
            }

            if (!ours.IsValid)
            {
                return;
            }

            Interlocked.Increment(ref validCount);
            var printed = PromQlPrinter.Print(ours.Expr!);
            var reprinted = PromQlParser.Parse(printed);
            var again = await QueryAsync(http, printed);
            if (!reprinted.IsValid || PromQlPrinter.Print(reprinted.Expr!) != printed || IsParseError(again)
                || !SameResult(theirs, again))
            {
                printedMismatches.Add($"{Show(expression)}  printed as  {Show(printed)}");
            }
        });

        var agreed = corpus.Count - disagreements.Count;
        var message = $"{agreed}/{corpus.Count} verdicts agree with Prometheus 2.42 ({validCount} valid, " +
                      $"{validCount - printedMismatches.Count}/{validCount} printed forms give the same result)";
        output.WriteLine(message);
        Console.WriteLine("PromQL differential: " + message);
        foreach (var line in disagreements.Concat(printedMismatches).Order())
        {
            output.WriteLine(line);
        }

        Assert.True(corpus.Count >= 400, $"the corpus has only {corpus.Count} expressions");
        Assert.Empty(disagreements);
        Assert.Empty(printedMismatches);
    }

    private static string Show(string expression) => expression.Replace("\n", "⏎");

    /// <summary>Same status and the same data, ignoring series order (Prometheus does not sort instant vectors).</summary>
    private static bool SameResult(JsonElement first, JsonElement second)
    {
        if (first.GetProperty("status").GetString() != second.GetProperty("status").GetString())
        {
            return false;
        }

        if (!first.TryGetProperty("data", out var a) || !second.TryGetProperty("data", out var b))
        {
            return first.GetProperty("errorType").GetString() == second.GetProperty("errorType").GetString();
        }

        static string Canonical(JsonElement data) =>
            data.GetProperty("resultType").GetString() + ":" + (data.GetProperty("result").ValueKind == JsonValueKind.Array
                ? string.Join("|", data.GetProperty("result").EnumerateArray().Select(r => r.GetRawText()).Order(StringComparer.Ordinal))
                : data.GetProperty("result").GetRawText());

        return Canonical(a) == Canonical(b);
    }
}
