using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.Imports;

/// <summary>What a data transfer moves.</summary>
public enum TransferKind { ContractImport = 0, MeterReadingImport = 1, ContractExport = 2 }

/// <summary>Outcome of a transfer run.</summary>
public enum TransferStatus { Running = 0, Completed = 1, Failed = 2 }

/// <summary>One run of an import or export, from the UI or a schedule, with its error report.</summary>
public sealed class TransferRun : Entity, ITenantOwned
{
    public Guid BrandId { get; set; }
    public TransferKind Kind { get; set; }
    public string FileName { get; set; } = "";
    public TransferStatus Status { get; set; }
    public DateTimeOffset StartedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? FinishedAt { get; set; }
    public int LinesRead { get; set; }
    public int RowsWritten { get; set; }
    public int ErrorCount { get; set; }
    /// <summary>JSON array of {line, field, message}; the first 1,000 errors.</summary>
    public string? ErrorsJson { get; set; }
    public string TriggeredBy { get; set; } = "";
}

/// <summary>A persisted schedule for an import or export (Quartz cron expression, folder to read or write).</summary>
public sealed class TransferSchedule : Entity, ITenantOwned
{
    public Guid BrandId { get; set; }
    public TransferKind Kind { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Quartz cron expression, e.g. "0 0 2 * * ?" for 02:00 every day.</summary>
    public string Cron { get; set; } = "0 0 2 * * ?";
    /// <summary>Imports read *.csv from here (and move them to processed/ or failed/); exports write here.</summary>
    public string Folder { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public DateTimeOffset? LastRunAt { get; set; }
}
