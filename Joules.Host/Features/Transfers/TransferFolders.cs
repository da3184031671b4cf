using Joules.Host.Hosting;

namespace Joules.Host.Features.Transfers;

/// <summary>Folders of transfers below the data folder: schedule folders (relative paths), exports made in the UI,
/// uploads in progress.</summary>
public sealed class TransferFolders(JoulesSettings settings)
{
    public string DataFolder => settings.DataFolder;

    /// <summary>Where exports started in the UI are kept for download, as &lt;run id&gt;.csv.</summary>
    public string Exports => Directory.CreateDirectory(Path.Combine(settings.DataFolder, "transfers", "exports")).FullName;

    /// <summary>Temporary copies of uploaded files.</summary>
    public string Uploads => Directory.CreateDirectory(Path.Combine(settings.DataFolder, "transfers", "uploads")).FullName;

    public string ExportFile(Guid runId) => Path.Combine(Exports, runId.ToString("N") + ".csv");

    /// <summary>True if <paramref name="folder"/> is a relative path that stays inside the data folder.</summary>
    public bool IsValid(string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder) || Path.IsPathRooted(folder)) return false;
        var full = Path.GetFullPath(Path.Combine(settings.DataFolder, folder));
        var root = Path.GetFullPath(settings.DataFolder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal);
    }

    /// <summary>The absolute path of a schedule folder (created if missing).</summary>
    public string Resolve(string folder)
    {
        if (!IsValid(folder)) throw new InvalidOperationException($"Folder '{folder}' is not below the data folder.");
        return Directory.CreateDirectory(Path.Combine(settings.DataFolder, folder)).FullName;
    }
}
