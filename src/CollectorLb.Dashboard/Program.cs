using CollectorLb.Dashboard.Hosting;

return await DashboardApplication.RunAsync(args);
