using System.Globalization;
using Quartz;

namespace Joules.Host.Features.Jobs;

/// <summary>Keys of a job's data map that the jobs list reads, and how it reads them.</summary>
public static class JobData
{
    /// <summary>Display name of the job; a localised pair is written as "Deutsch|English".</summary>
    public const string DisplayName = "displayName";

    /// <summary>The plugin that owns the job.</summary>
    public const string PluginId = "pluginId";

    /// <summary>Set on the trigger of a run an administrator started.</summary>
    public const string ManualRun = "joules.manualRun";

    /// <summary>The job's display name in the current UI culture (German part before "|", English part after it),
    /// or the job key's name.</summary>
    public static string DisplayNameOf(IJobDetail job) => Localise(Text(job.JobDataMap, DisplayName)) ?? job.Key.Name;

    /// <summary>The plugin id from the job's data, or null for the host's jobs.</summary>
    public static string? PluginIdOf(IJobDetail job) => Text(job.JobDataMap, PluginId);

    /// <summary>Picks the part of a "de|en" pair matching <see cref="CultureInfo.CurrentUICulture"/>; a text without "|" is returned as is.</summary>
    public static string? Localise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var bar = text.IndexOf('|');
        if (bar < 0) return text.Trim();
        var german = text[..bar].Trim();
        var english = text[(bar + 1)..].Trim();
        var chosen = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "de" ? german : english;
        return chosen.Length > 0 ? chosen : (german.Length > 0 ? german : english);
    }

    internal static string? Text(JobDataMap map, string key) =>
        map.TryGetValue(key, out var value) && value?.ToString() is { Length: > 0 } s ? s : null;
}
