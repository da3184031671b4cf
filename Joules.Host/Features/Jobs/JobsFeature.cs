using Joules.Host.Plugins;
using Quartz;

namespace Joules.Host.Features.Jobs;

/// <summary>The jobs list: every scheduled Quartz job of host and plugins, and the recorder of their runs.</summary>
internal static class JobsFeature
{
    public static IServiceCollection AddJobsFeature(this IServiceCollection services)
    {
        services.AddSingleton<JobRunRecorder>();
        services.AddQuartz(q => q.AddJobListener(sp => sp.GetRequiredService<JobRunRecorder>()));
        services.AddScoped<IJobAdministration, JobAdministration>();
        return services;
    }
}
