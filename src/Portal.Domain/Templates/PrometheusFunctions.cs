using System.Globalization;

namespace Portal.Domain.Templates;

/// <summary>The functions Prometheus 2.42 adds to alert templates (template/template.go).</summary>
internal static class PrometheusFunctions
{
    private static readonly ParamType[] Str = [ParamType.String];
    private static readonly ParamType[] Any = [ParamType.Interface];

    public static void AddTo(Dictionary<string, GoFunction> functions, string externalUrl, TemplateBudget budget)
    {
        functions["query"] = new(Str, false, args => throw new LiveQueryException(
            $"the template runs the PromQL query {GoText.Quote(S(args[0]))}, which needs a live Prometheus; " +
            "a template that calls query cannot be previewed offline"));
        functions["first"] = new([ParamType.QueryResult], false,
            _ => throw new GoFunctionException("first() called on vector with no elements"));
        functions["label"] = new([ParamType.String, ParamType.Sample], false, _ => throw NilSample());
        functions["value"] = new([ParamType.Sample], false, _ => throw NilSample());
        functions["strvalue"] = new([ParamType.Sample], false, _ => throw NilSample());
        functions["sortByLabel"] = new([ParamType.String, ParamType.QueryResult], false, args => args[1]);
        functions["args"] = new(Any, true, args => new GoMap(
            args.Select((a, i) => (Key: "arg" + i, Value: a)).ToDictionary(e => e.Key, e => e.Value), "interface {}"));
        functions["reReplaceAll"] = new([ParamType.String, ParamType.String, ParamType.String], false,
            args => new GoString(GoRegex.ReplaceAll(S(args[0]), S(args[1]), S(args[2]), budget)));
        functions["safeHtml"] = new(Str, false, args => new GoString(S(args[0]), GoString.HtmlType));
        functions["match"] = new([ParamType.String, ParamType.String], false,
            args => GoBool.Of(GoRegex.Match(S(args[0]), S(args[1]), budget)));
        functions["title"] = new(Str, false, args => new GoString(GoText.Title(S(args[0]))));
        functions["toUpper"] = new(Str, false, args => new GoString(GoText.MapRunes(S(args[0]), System.Text.Rune.ToUpperInvariant)));
        functions["toLower"] = new(Str, false, args => new GoString(GoText.MapRunes(S(args[0]), System.Text.Rune.ToLowerInvariant)));
        functions["graphLink"] = new(Str, false, args => new GoString($"/graph?g0.expr={GoText.QueryEscape(S(args[0]))}&g0.tab=0"));
        functions["tableLink"] = new(Str, false, args => new GoString($"/graph?g0.expr={GoText.QueryEscape(S(args[0]))}&g0.tab=1"));
        functions["stripPort"] = new(Str, false, args => new GoString(GoNet.StripPort(S(args[0]))));
        functions["stripDomain"] = new(Str, false, args => new GoString(GoNet.StripDomain(S(args[0]))));
        functions["humanize"] = new(Any, false, args => new GoString(Humanize(ToFloat(args[0]))));
        functions["humanize1024"] = new(Any, false, args => new GoString(Humanize1024(ToFloat(args[0]))));
        functions["humanizeDuration"] = new(Any, false, args => new GoString(HumanizeDuration(ToFloat(args[0]))));
        functions["humanizePercentage"] = new(Any, false, args => new GoString(G4(ToFloat(args[0]) * 100) + "%"));
        functions["humanizeTimestamp"] = new(Any, false, args => new GoString(HumanizeTimestamp(ToFloat(args[0]))));
        functions["toTime"] = new(Any, false, args => ToTime(ToFloat(args[0])) is { } time
            ? time
            : throw new GoFunctionException("value is NaN or Inf"));
        functions["pathPrefix"] = new([], false, _ => new GoString(GoNet.UrlPath(externalUrl)));
        functions["externalURL"] = new([], false, _ => new GoString(externalUrl));
        functions["parseDuration"] = new(Str, false, args => new GoFloat(ParseDuration(S(args[0]))));
    }

    private static string S(GoValue value) => ((GoString)value).Value;

    private static GoFunctionException NilSample() =>
        new("runtime error: invalid memory address or nil pointer dereference");

    /// <summary>Prometheus' convertToFloat: numbers, and strings through strconv.ParseFloat.</summary>
    private static double ToFloat(GoValue value) => value switch
    {
        GoFloat f => f.Value,
        GoInt i => i.Value,
        GoString { StringType: "string" } s => GoStrconv.TryParse(s.Value, out var v, out var error)
            ? v
            : throw new GoFunctionException(error!),
        _ => throw new GoFunctionException($"can't convert {GoValues.TypeName(value == GoNil.Interface ? null : value)} to float"),
    };

    /// <summary>fmt's %.4g.</summary>
    private static string G4(double v) => GoStrconv.Format(v, 'g', 4);

    private static string Humanize(double v)
    {
        if (v == 0 || double.IsNaN(v) || double.IsInfinity(v))
        {
            return G4(v);
        }
        var prefix = "";
        if (Math.Abs(v) >= 1)
        {
            foreach (var p in new[] { "k", "M", "G", "T", "P", "E", "Z", "Y" })
            {
                if (Math.Abs(v) < 1000)
                {
                    break;
                }
                prefix = p;
                v /= 1000;
            }
            return G4(v) + prefix;
        }
        foreach (var p in new[] { "m", "u", "n", "p", "f", "a", "z", "y" })
        {
            if (Math.Abs(v) >= 1)
            {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return G4(v) + prefix;
    }

    private static string Humanize1024(double v)
    {
        if (Math.Abs(v) <= 1 || double.IsNaN(v) || double.IsInfinity(v))
        {
            return G4(v);
        }
        var prefix = "";
        foreach (var p in new[] { "ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi" })
        {
            if (Math.Abs(v) < 1024)
            {
                break;
            }
            prefix = p;
            v /= 1024;
        }
        return G4(v) + prefix;
    }

    private static string HumanizeDuration(double v)
    {
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            return G4(v);
        }
        if (v == 0)
        {
            return G4(v) + "s";
        }
        if (Math.Abs(v) >= 1)
        {
            var sign = v < 0 ? "-" : "";
            v = Math.Abs(v);
            // Go's int64() of a float beyond int64 yields MinInt64 on amd64.
            var duration = v < 9.223372036854775807e18 ? (long)v : long.MinValue;
            var (seconds, minutes, hours, days) = (duration % 60, duration / 60 % 60, duration / 3600 % 24, duration / 86400);
            if (days != 0)
            {
                return $"{sign}{days}d {hours}h {minutes}m {seconds}s";
            }
            if (hours != 0)
            {
                return $"{sign}{hours}h {minutes}m {seconds}s";
            }
            return minutes != 0 ? $"{sign}{minutes}m {seconds}s" : $"{sign}{G4(v)}s";
        }
        var prefix = "";
        foreach (var p in new[] { "m", "u", "n", "p", "f", "a", "z", "y" })
        {
            if (Math.Abs(v) >= 1)
            {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return G4(v) + prefix + "s";
    }

    private static string HumanizeTimestamp(double v) =>
        ToTime(v) is { } time ? GoText.FormatTime(time.UnixMilliseconds) : G4(v);

    /// <summary>Prometheus' floatToTime: nanoseconds through int64, then truncated to milliseconds.</summary>
    private static GoTime? ToTime(double v)
    {
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            return null;
        }
        var nanos = v * 1e9;
        if (nanos > 9.223372036854775807e18 || nanos < -9.223372036854775808e18)
        {
            throw new GoFunctionException($"{GoFmt.Sprint([new GoFloat(v)])} cannot be represented as a nanoseconds timestamp since it overflows int64");
        }
        var ns = nanos >= 9.223372036854775807e18 ? long.MinValue : (long)nanos;
        return new GoTime(ns / 1_000_000);
    }

    /// <summary>Prometheus' model.ParseDuration (y w d h m s ms, in that order), in seconds.</summary>
    private static double ParseDuration(string s)
    {
        switch (s)
        {
            case "0":
                return 0;
            case "":
                throw new GoFunctionException("empty duration string");
        }
        var match = System.Text.RegularExpressions.Regex.Match(s,
            @"\A(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?\z");
        if (!match.Success)
        {
            throw new GoFunctionException($"not a valid duration string: {GoText.Quote(s)}");
        }
        long[] unitMs = [365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];
        var totalMs = System.Numerics.BigInteger.Zero;
        for (var i = 0; i < unitMs.Length; i++)
        {
            if (match.Groups[i + 1].Success)
            {
                totalMs += System.Numerics.BigInteger.Parse(match.Groups[i + 1].Value, CultureInfo.InvariantCulture) * unitMs[i];
            }
        }
        if (totalMs * 1_000_000 > long.MaxValue)
        {
            throw new GoFunctionException("duration out of range");
        }
        return (double)(long)(totalMs * 1_000_000) / 1e9;
    }
}
