using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Portal.Load;

/// <summary>
/// What a prerendered page hands the browser so it can make its components interactive: the server component
/// markers (<c>&lt;!--Blazor:{...}--&gt;</c>, each with a data-protected descriptor only this portal can read) and the
/// persisted component state. The harness sends both back exactly as blazor.web.js would.
/// </summary>
public static partial class ComponentMarkers
{
    /// <summary>The JSON of every server start marker, in page order (end markers carry only a prerenderId and are skipped).</summary>
    public static IReadOnlyList<JsonObject> ServerMarkers(string html)
    {
        var markers = new List<JsonObject>();
        foreach (Match match in MarkerComment().Matches(html))
        {
            if (JsonNode.Parse(match.Groups["json"].Value) is JsonObject marker
                && (string?)marker["type"] == "server" && marker["descriptor"] is not null)
            {
                markers.Add(marker);
            }
        }

        return markers;
    }

    /// <summary>The persisted state comment's value, or "" when the page has none.</summary>
    public static string ServerState(string html) =>
        StateComment().Match(html) is { Success: true } m ? m.Groups["state"].Value : "";

    /// <summary>
    /// The hidden fields of the page's forms by name (the antiforgery token, the form's handler name), so a
    /// posted form carries what the browser would have sent.
    /// </summary>
    public static IReadOnlyDictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputTag().Matches(html))
        {
            var tag = input.Value;
            if (!tag.Contains("type=\"hidden\"", StringComparison.OrdinalIgnoreCase)
                || NameAttribute().Match(tag) is not { Success: true } name)
            {
                continue;
            }

            var value = ValueAttribute().Match(tag) is { Success: true } v ? System.Net.WebUtility.HtmlDecode(v.Groups["v"].Value) : "";
            fields.TryAdd(System.Net.WebUtility.HtmlDecode(name.Groups["v"].Value), value);
        }

        return fields;
    }

    /// <summary>
    /// The first root-component update a Blazor Web App sends after the circuit starts: one "add" per marker,
    /// numbered from 1 as the browser numbers the components it found, with the marker's own fields.
    /// </summary>
    public static string AddOperations(IReadOnlyList<JsonObject> markers, int batchId = 1)
    {
        var operations = new JsonArray();
        for (var i = 0; i < markers.Count; i++)
        {
            var marker = (JsonObject)markers[i].DeepClone();
            marker["uniqueId"] = i;
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker });
        }

        return new JsonObject { ["batchId"] = batchId, ["operations"] = operations }.ToJsonString(JsonOptions);
    }

    private static readonly JsonSerializerOptions JsonOptions = new();

    // The marker's JSON never contains "-->" (its strings are base64 or URL-safe), so a lazy match to the end of the comment is exact.
    [GeneratedRegex(@"<!--Blazor:(?<json>\{.*?\})-->", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex MarkerComment();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(?<state>[A-Za-z0-9+/=]+)-->", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex StateComment();

    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex InputTag();

    [GeneratedRegex(@"\bname=""(?<v>[^""]*)""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex NameAttribute();

    [GeneratedRegex(@"\bvalue=""(?<v>[^""]*)""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex ValueAttribute();
}
