using UsageDashboard.Data.Rollups;

namespace UsageDashboard.Data.Tests.Rollups;

public sealed class RollupRangeTests
{
    private static readonly DateTime Day = new(2026, 11, 12, 0, 0, 0, DateTimeKind.Utc);

    private static long Ms(DateTime time) => RollupBuckets.ToUnixMs(time);

    private static long Ms(int day, int hour, int minute, int second = 0) =>
        Ms(Day.AddDays(day).AddHours(hour).AddMinutes(minute).AddSeconds(second));

    [Fact]
    public void A_ragged_range_reads_whole_days_then_15_minute_buckets_and_raw_rows_only_at_the_edges()
    {
        var range = RollupRange.Split(Ms(0, 7, 23, 11), Ms(2, 16, 2, 59), useDays: true);

        Assert.Equal([(Ms(0, 7, 23, 11), Ms(0, 7, 30)), (Ms(2, 16, 0), Ms(2, 16, 2, 59))], range.Raw);
        Assert.Equal(
            [(RollupPeriod.Base, Ms(0, 7, 30), Ms(1, 0, 0)), (RollupPeriod.Day, Ms(1, 0, 0), Ms(2, 0, 0)), (RollupPeriod.Base, Ms(2, 0, 0), Ms(2, 16, 0))],
            range.Buckets);
    }

    [Fact]
    public void Latency_reads_take_the_whole_hours_of_a_run_of_15_minute_buckets_from_hour_rows()
    {
        Assert.Equal(
            [(RollupPeriod.Base, Ms(0, 7, 30), Ms(0, 8, 0)), (RollupPeriod.Hour, Ms(0, 8, 0), Ms(0, 16, 0)), (RollupPeriod.Base, Ms(0, 16, 0), Ms(0, 16, 45))],
            RollupRange.WithHours((RollupPeriod.Base, Ms(0, 7, 30), Ms(0, 16, 45)), RollupDimension.Path));
        Assert.Equal([(RollupPeriod.Hour, Ms(0, 0, 0), Ms(0, 7, 0)), (RollupPeriod.Base, Ms(0, 7, 0), Ms(0, 7, 30))],
            RollupRange.WithHours((RollupPeriod.Base, Ms(0, 0, 0), Ms(0, 7, 30)), RollupDimension.Path));

        // Less than a whole hour, any other period, and a kind without hour rows stay as they are.
        Assert.Equal([(RollupPeriod.Base, Ms(0, 0, 0), Ms(0, 7, 30))], RollupRange.WithHours((RollupPeriod.Base, Ms(0, 0, 0), Ms(0, 7, 30)), RollupDimension.RouteStatus));
        Assert.Equal([(RollupPeriod.Base, Ms(0, 7, 15), Ms(0, 8, 45))], RollupRange.WithHours((RollupPeriod.Base, Ms(0, 7, 15), Ms(0, 8, 45)), RollupDimension.Path));
        Assert.Equal([(RollupPeriod.Base, Ms(0, 7, 15), Ms(0, 7, 45))], RollupRange.WithHours((RollupPeriod.Base, Ms(0, 7, 15), Ms(0, 7, 45)), RollupDimension.Path));
        Assert.Equal([(RollupPeriod.Day, Ms(0, 0, 0), Ms(2, 0, 0))], RollupRange.WithHours((RollupPeriod.Day, Ms(0, 0, 0), Ms(2, 0, 0)), RollupDimension.Path));
    }

    [Fact]
    public void A_series_by_whole_hours_reads_hour_rows_and_a_finer_one_15_minute_rows()
    {
        // A month's time series in 6-hour points: every whole hour from hour rows, of the totals as of the paths.
        var range = RollupRange.Split(Ms(0, 7, 20), Ms(30, 3, 5), useDays: false);
        Assert.Equal([(RollupPeriod.Base, Ms(0, 7, 30), Ms(0, 8, 0)), (RollupPeriod.Hour, Ms(0, 8, 0), Ms(30, 3, 0))],
            range.BucketsOf(RollupDimension.Total, 6 * RollupBuckets.HourMs));
        Assert.Equal(range.BucketsOf(RollupDimension.Total, 6 * RollupBuckets.HourMs), range.BucketsOf(RollupDimension.Total, 0));

        // 15-minute points, or a kind without hour rows: the 15-minute rows.
        Assert.Equal(range.Buckets, range.BucketsOf(RollupDimension.Total, RollupBuckets.BaseMs));
        Assert.Equal(range.Buckets, range.BucketsOf(RollupDimension.Browser, 6 * RollupBuckets.HourMs));
    }

    [Fact]
    public void Complements_read_a_partial_day_as_its_day_row_less_the_fewer_base_buckets_of_the_rest()
    {
        var range = RollupRange.Split(Ms(0, 7, 23, 11), Ms(2, 16, 2, 59), useDays: true, complement: true);

        Assert.Equal([(Ms(0, 7, 23, 11), Ms(0, 7, 30)), (Ms(2, 16, 0), Ms(2, 16, 2, 59))], range.Raw);
        Assert.Equal(
            [(RollupPeriod.Day, Ms(0, 0, 0), Ms(1, 0, 0)), (RollupPeriod.Day, Ms(1, 0, 0), Ms(2, 0, 0)), (RollupPeriod.Day, Ms(2, 0, 0), Ms(3, 0, 0))],
            range.Buckets);
        Assert.Equal([(RollupPeriod.Base, Ms(0, 0, 0), Ms(0, 7, 30)), (RollupPeriod.Base, Ms(2, 16, 0), Ms(3, 0, 0))], range.SubtractBuckets);

        // A short part is read as it is; a series finer than a day never uses day rows.
        var shortParts = RollupRange.Split(Ms(0, 20, 0), Ms(2, 3, 0), useDays: true, complement: true);
        Assert.Equal([(RollupPeriod.Base, Ms(0, 20, 0), Ms(1, 0, 0)), (RollupPeriod.Day, Ms(1, 0, 0), Ms(2, 0, 0)), (RollupPeriod.Base, Ms(2, 0, 0), Ms(2, 3, 0))],
            shortParts.Buckets);
        Assert.Empty(shortParts.SubtractBuckets);
        Assert.Empty(RollupRange.Split(Ms(0, 7, 30), Ms(0, 23, 0), useDays: false, complement: true).SubtractBuckets);
    }

    [Fact]
    public void Complements_read_most_of_a_month_as_its_month_row_less_its_other_days()
    {
        static long At(int month, int day, int hour = 0, int minute = 0) => Ms(new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Utc));

        var range = RollupRange.Split(At(8, 2, 5, 7), At(9, 10, 16, 2), useDays: true, complement: true);

        // August keeps 29 days of 31 and is read as its month less the other two; September keeps 9 days and is read as them.
        // The partial August 2 is not read as its day row less the rest of it: the month takes that rest away instead of
        // the day row.
        Assert.Equal([(At(8, 2, 5, 7), At(8, 2, 5, 15)), (At(9, 10, 16, 0), At(9, 10, 16, 2))], range.Raw);
        Assert.Equal(
            [(RollupPeriod.Month, At(8, 1), At(9, 1)), (RollupPeriod.Day, At(9, 1), At(9, 10)), (RollupPeriod.Day, At(9, 10), At(9, 11))],
            range.Buckets);
        Assert.Equal(
            [(RollupPeriod.Day, At(8, 1), At(8, 2)), (RollupPeriod.Base, At(8, 2), At(8, 2, 5, 15)), (RollupPeriod.Base, At(9, 10, 16, 0), At(9, 11))],
            range.SubtractBuckets);

        // Minimum and maximum come from the parts themselves, never from the rows read whole.
        Assert.Equal(
            [(RollupPeriod.Base, At(8, 2, 5, 15), At(8, 3)), (RollupPeriod.Base, At(9, 10), At(9, 10, 16, 0)), (RollupPeriod.Day, At(8, 3), At(9, 1))],
            range.Complemented.Order());
        Assert.Equal([(RollupPeriod.Day, At(9, 10), At(9, 11)), (RollupPeriod.Month, At(8, 1), At(9, 1))], range.Enclosing.Order());

        // A partial day at either end of a month's days, and days of the rest beyond it.
        var both = RollupRange.Split(At(8, 2, 5, 7), At(8, 29, 16, 2), useDays: true, complement: true);
        Assert.Equal([(RollupPeriod.Month, At(8, 1), At(9, 1))], both.Buckets);
        Assert.Equal(
            [(RollupPeriod.Day, At(8, 1), At(8, 2)), (RollupPeriod.Base, At(8, 2), At(8, 2, 5, 15)), (RollupPeriod.Base, At(8, 29, 16, 0), At(8, 30)),
                (RollupPeriod.Day, At(8, 30), At(9, 1))],
            both.SubtractBuckets);
        Assert.Equal(
            [(RollupPeriod.Base, At(8, 2, 5, 15), At(8, 3)), (RollupPeriod.Base, At(8, 29), At(8, 29, 16, 0)), (RollupPeriod.Day, At(8, 3), At(8, 29))],
            both.Complemented.Order());
    }

    [Fact]
    public void Complements_are_not_used_where_retention_may_have_purged_the_rows_they_subtract()
    {
        static long At(int month, int day, int hour = 0, int minute = 0) => Ms(new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Utc));

        // Daily rows kept from August 10, 15-minute rows from September 10 05:00: August and the first partial day are read
        // as they are; September 10, whose 15-minute rows before 05:00 may be gone, is too.
        var kept = new RollupKeptFrom(BaseMs: At(9, 10, 5), DayMs: At(8, 10));
        var range = RollupRange.Split(At(8, 2, 5, 7), At(9, 10, 16, 2), useDays: true, complement: true, kept: kept);
        Assert.Equal(
            [(RollupPeriod.Base, At(8, 2, 5, 15), At(8, 3)), (RollupPeriod.Day, At(8, 3), At(9, 10)), (RollupPeriod.Base, At(9, 10), At(9, 10, 16, 0))],
            range.Buckets);
        Assert.Empty(range.SubtractBuckets);
        Assert.Empty(range.Complemented);
        Assert.Empty(range.Enclosing);

        // 15-minute rows kept from August 2, daily rows from August 1: both complements apply again.
        var keptAll = RollupRange.Split(At(8, 2, 5, 7), At(9, 10, 16, 2), useDays: true, complement: true, kept: new RollupKeptFrom(At(8, 2), At(8, 1)));
        Assert.Equal(2, keptAll.Enclosing.Count);
    }

    [Fact]
    public void Buckets_at_or_after_the_settled_instant_come_from_raw_rows()
    {
        var range = RollupRange.Split(Ms(0, 7, 30), Ms(1, 16, 0), useDays: true, settledMs: Ms(1, 9, 40, 10));

        Assert.Equal([(RollupPeriod.Base, Ms(0, 7, 30), Ms(1, 9, 30))], range.Buckets);
        Assert.Equal([(Ms(1, 9, 30), Ms(1, 16, 0))], range.Raw);
    }

    [Fact]
    public void A_range_that_ends_before_the_settled_instant_is_unaffected_and_one_that_starts_after_it_is_all_raw()
    {
        var before = RollupRange.Split(Ms(0, 7, 30), Ms(1, 16, 0), useDays: false, settledMs: Ms(3, 0, 0));
        Assert.Equal([(RollupPeriod.Base, Ms(0, 7, 30), Ms(1, 16, 0))], before.Buckets);
        Assert.Empty(before.Raw);

        var after = RollupRange.Split(Ms(0, 7, 30), Ms(1, 16, 0), useDays: true, settledMs: Ms(0, 7, 0));
        Assert.Empty(after.Buckets);
        Assert.Equal([(Ms(0, 7, 30), Ms(1, 16, 0))], after.Raw);
    }

    [Fact]
    public void Day_only_kinds_read_whole_settled_days_and_raw_rows_for_the_rest()
    {
        var range = RollupRange.SplitDays(Ms(0, 7, 23), Ms(3, 0, 0, 20), settledMs: Ms(3, 0, 0, 10) - 40_000);

        // The first day's 16.6 hours are its day row less the 7.4 hours before the range; the last day is not settled.
        Assert.Equal([(RollupPeriod.Day, Ms(1, 0, 0), Ms(2, 0, 0)), (RollupPeriod.Day, Ms(0, 0, 0), Ms(1, 0, 0))], range.Buckets);
        Assert.Equal([(Ms(0, 0, 0), Ms(0, 7, 23))], range.SubtractRaw);
        Assert.Equal([(Ms(2, 0, 0), Ms(3, 0, 0, 20))], range.Raw);

        var shortPart = RollupRange.SplitDays(Ms(1, 2, 0), Ms(1, 5, 0));
        Assert.Empty(shortPart.Buckets);
        Assert.Empty(shortPart.SubtractRaw);
        Assert.Equal([(Ms(1, 2, 0), Ms(1, 5, 0))], shortPart.Raw);

        var longPart = RollupRange.SplitDays(Ms(1, 1, 0), Ms(1, 23, 0));
        Assert.Equal([(RollupPeriod.Day, Ms(1, 0, 0), Ms(2, 0, 0))], longPart.Buckets);
        Assert.Equal([(Ms(1, 0, 0), Ms(1, 1, 0)), (Ms(1, 23, 0), Ms(2, 0, 0))], longPart.SubtractRaw);
        Assert.Empty(longPart.Raw);
    }

    [Fact]
    public void Wide_kinds_settle_one_wide_window_and_a_commit_margin_after_now()
    {
        var now = Day.AddHours(10);
        Assert.Equal(Ms(now) - 35_000, RollupRange.WideSettledMs(now, new UsageRollupOptions()));
        Assert.Equal(Ms(now) - 65_000,
            RollupRange.WideSettledMs(now, new UsageRollupOptions { FlushInterval = TimeSpan.FromMinutes(1), WideFlushInterval = TimeSpan.FromSeconds(10) }));
    }
}
