using Joules.Plugins.Newsletter.Model;

namespace Joules.Plugins.Newsletter.Shared;

/// <summary>A campaign mail as a recipient would get it.</summary>
public sealed record RenderedMail(string Subject, string Html, string Text);

/// <summary>Preview and test send of a campaign (implemented by the sending part).</summary>
public interface ICampaignPreview
{
    /// <summary>Renders variant <paramref name="variant"/> (0 = A, 1 = B) with the data of subscriber
    /// <paramref name="subscriberId"/> (or sample data when null), links untracked.</summary>
    /// <exception cref="Joules.Core.Domain.Common.DomainException">A Liquid error, with the part, line and column.</exception>
    Task<RenderedMail> RenderAsync(Campaign campaign, byte variant, long? subscriberId, CancellationToken ct = default);

    /// <summary>Sends the variant to <paramref name="address"/> with sample data, subject prefixed "[TEST]".</summary>
    Task SendTestAsync(Campaign campaign, byte variant, string address, CancellationToken ct = default);
}

/// <summary>Starting and controlling a campaign's sending. Every command checks the campaign's status and throws a
/// DomainException with a German/English reason when it does not apply; every command is audit-logged.</summary>
public interface ICampaignCommands
{
    Task SendNowAsync(long campaignId, CancellationToken ct = default);
    Task ScheduleAsync(long campaignId, DateTimeOffset at, CancellationToken ct = default);
    /// <summary>Back to draft from scheduled.</summary>
    Task UnscheduleAsync(long campaignId, CancellationToken ct = default);
    Task PauseAsync(long campaignId, CancellationToken ct = default);
    Task ResumeAsync(long campaignId, CancellationToken ct = default);
    Task CancelAsync(long campaignId, CancellationToken ct = default);
    /// <summary>Recipients the campaign would reach now (lists, segment, suppression).</summary>
    Task<int> CountRecipientsAsync(long campaignId, CancellationToken ct = default);
}

/// <summary>Live progress of a running campaign (in memory; the campaign row has the durable counters).</summary>
public sealed record CampaignProgress(long CampaignId, CampaignStatus Status, SendPhase Phase, int ToSend, int Sent, int Failed,
    double MailsPerSecond, TimeSpan? Remaining);

public interface ICampaignProgress
{
    /// <summary>Null when the campaign is not being sent by this process.</summary>
    CampaignProgress? Get(long campaignId);
}
