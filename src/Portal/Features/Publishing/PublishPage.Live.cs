using System.Globalization;
using Portal.Infrastructure.Cluster;

namespace Portal.Features.Publishing;

/// <summary>Publishes and rollbacks run from any replica, told step by step while this page is open.</summary>
public partial class PublishPage
{
    private const int ActivityShown = 10;

    private readonly List<ChangeNotice> _activity = [];

    private void OnReleaseNotice(ChangeNotice notice)
    {
        _activity.Insert(0, notice);
        if (_activity.Count > ActivityShown)
        {
            _activity.RemoveAt(ActivityShown);
        }
    }

    private static string ActivityLine(ChangeNotice notice) =>
        $"{notice.At.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)} · release {notice.Key} · {notice.Detail} · {notice.Actor} on {notice.Replica}";
}
