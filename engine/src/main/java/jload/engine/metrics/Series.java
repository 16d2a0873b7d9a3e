package jload.engine.metrics;

/**
 * The samples of one metric that carry one exact tag set. Writers (VU threads) call {@link #add};
 * they take no lock and allocate nothing. Readers (summary, thresholds, outputs) take
 * {@link #snapshot()} copies.
 */
public sealed interface Series permits CounterSeries, GaugeSeries, RateSeries, TrendSeries {
    void add(double value);

    SeriesSnapshot snapshot();
}
