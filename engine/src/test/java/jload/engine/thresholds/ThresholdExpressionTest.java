package jload.engine.thresholds;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ThresholdExpressionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "avg<200      | AVG   | avg",
            "min>1        | MIN   | min",
            "max<=5000    | MAX   | max",
            "med>=10      | MED   | med",
            "count>100    | COUNT | count",
            "rate<0.01    | RATE  | rate",
            "value==3     | VALUE | value",
    })
    void parsesEveryKeywordAggregation(String source, Aggregation aggregation, String key) {
        ThresholdExpression e = ThresholdExpression.parse(source);
        assertEquals(aggregation, e.aggregation());
        assertEquals(key, e.aggregationKey());
        assertTrue(Double.isNaN(e.percentile()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "avg<1   | LESS",
            "avg<=1  | LESS_OR_EQUAL",
            "avg>1   | GREATER",
            "avg>=1  | GREATER_OR_EQUAL",
            "avg==1  | LOOSELY_EQUAL",
            "avg===1 | STRICTLY_EQUAL",
            "avg!=1  | NOT_EQUAL",
    })
    void parsesEveryOperator(String source, ComparisonOperator operator) {
        ThresholdExpression e = ThresholdExpression.parse(source);
        assertEquals(operator, e.operator());
        assertEquals(1.0, e.limit());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "p(95)<200       | 95     | p(95)",
            "p(99.9)<2000    | 99.9   | p(99.9)",
            "p(95.0)<200     | 95     | p(95)",
            "p(95.00)<200    | 95     | p(95)",
            "p(0)<1          | 0      | p(0)",
            "p(100)<1        | 100    | p(100)",
            "p(.5)<1         | 0.5    | p(0.5)",
            "p(99.99)<1      | 99.99  | p(99.99)",
            "p(0.00001)<1    | 0.00001| p(1e-05)",
            "p(-0)<1         | 0      | p(0)",
            "p(9.5e1)<1      | 95     | p(95)",
    })
    void parsesPercentilesAndNormalisesTheirKeyLikeGoPercentG(String source, double n, String key) {
        ThresholdExpression e = ThresholdExpression.parse(source);
        assertEquals(Aggregation.PERCENTILE, e.aggregation());
        assertEquals(n, e.percentile());
        assertEquals(key, e.aggregationKey());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'avg<200'            | 200",
            "'avg<-5'             | -5",
            "'avg<+5'             | 5",
            "'avg<0.25'           | 0.25",
            "'avg<.25'            | 0.25",
            "'avg<2.'             | 2",
            "'avg<1e3'            | 1000",
            "'avg<-1.5E-2'        | -0.015",
            "'  p(95)  <  200  '  | 200",
            "'p(95)\t<=\t200'     | 200",
            "'avg< -3'            | -3",
    })
    void acceptsGoNumbersAndBlanksAroundTokens(String source, double limit) {
        assertEquals(limit, ThresholdExpression.parse(source).limit());
    }

    @Test
    void keepsTheSourceExactlyAsWrittenForDisplay() {
        ThresholdExpression e = ThresholdExpression.parse(" p(95) < 200 ");
        assertEquals(" p(95) < 200 ", e.source());
        assertEquals(" p(95) < 200 ", e.toString());
    }

    @Test
    void strictEqualityIsNotMistakenForLooseEqualityFollowedByGarbage() {
        ThresholdExpression e = ThresholdExpression.parse("value===0");
        assertEquals(ComparisonOperator.STRICTLY_EQUAL, e.operator());
        assertEquals(0.0, e.limit());
    }

    @Test
    void lessOrEqualIsNotMistakenForLessFollowedByEquals() {
        ThresholdExpression e = ThresholdExpression.parse("avg<=-1");
        assertEquals(ComparisonOperator.LESS_OR_EQUAL, e.operator());
        assertEquals(-1.0, e.limit());
    }

    @Test
    void evaluatesStrictAndInclusiveBoundaries() {
        assertAll(
                () -> assertTrue(ThresholdExpression.parse("avg<200").evaluate(199.999)),
                () -> assertFalse(ThresholdExpression.parse("avg<200").evaluate(200)),
                () -> assertTrue(ThresholdExpression.parse("avg<=200").evaluate(200)),
                () -> assertFalse(ThresholdExpression.parse("avg<=200").evaluate(200.001)),
                () -> assertFalse(ThresholdExpression.parse("avg>200").evaluate(200)),
                () -> assertTrue(ThresholdExpression.parse("avg>200").evaluate(200.001)),
                () -> assertTrue(ThresholdExpression.parse("avg>=200").evaluate(200)),
                () -> assertFalse(ThresholdExpression.parse("avg>=200").evaluate(199.999)),
                () -> assertTrue(ThresholdExpression.parse("value==3").evaluate(3)),
                () -> assertFalse(ThresholdExpression.parse("value==3").evaluate(3.0000001)),
                () -> assertTrue(ThresholdExpression.parse("value===3").evaluate(3)),
                () -> assertFalse(ThresholdExpression.parse("value===3").evaluate(4)),
                () -> assertTrue(ThresholdExpression.parse("value!=3").evaluate(4)),
                () -> assertFalse(ThresholdExpression.parse("value!=3").evaluate(3)),
                () -> assertTrue(ThresholdExpression.parse("avg>-1").evaluate(0)),
                () -> assertFalse(ThresholdExpression.parse("avg<-1").evaluate(-1)));
    }

    @Test
    void nanObservationFailsEveryOperatorExceptNotEqualLikeGo() {
        assertFalse(ThresholdExpression.parse("rate<1").evaluate(Double.NaN));
        assertFalse(ThresholdExpression.parse("rate>=0").evaluate(Double.NaN));
        assertFalse(ThresholdExpression.parse("rate==0").evaluate(Double.NaN));
        assertTrue(ThresholdExpression.parse("rate!=0").evaluate(Double.NaN));
    }

    @Test
    void missingOperatorSaysWhichOperatorsExist() {
        ThresholdException e = assertThrows(ThresholdException.class, () -> ThresholdExpression.parse("p(95) 200"));
        assertEquals("invalid threshold expression \"p(95) 200\": no comparison operator found"
                + " (one of <= < >= > === == !=); expected <aggregation> <operator> <number>,"
                + " for example \"p(95)<200\" or \"rate<0.01\"", e.getMessage());
    }

    @Test
    void emptyTextIsRefused() {
        ThresholdException e = assertThrows(ThresholdException.class, () -> ThresholdExpression.parse(""));
        assertTrue(e.getMessage().contains("no comparison operator found"), e.getMessage());
    }

    @Test
    void unknownAggregationListsTheValidOnes() {
        ThresholdException e = assertThrows(ThresholdException.class, () -> ThresholdExpression.parse("p95<200"));
        assertEquals("invalid threshold expression \"p95<200\": unknown aggregation method \"p95\";"
                + " expected one of avg, min, max, med, p(N), count, rate, value", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AVG<1", "average<1", "p<1", "percentile(95)<1", "p[95]<1", "sum>1"})
    void otherAggregationSpellingsAreRefused(String source) {
        ThresholdException e = assertThrows(ThresholdException.class, () -> ThresholdExpression.parse(source));
        assertTrue(e.getMessage().contains("unknown aggregation method"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"p(abc)<1", "p()<1", "p( 95 )<1", "p(101)<1", "p(-1)<1", "p(nan)<1", "p(inf)<1",
            "p(95%)<1"})
    void malformedPercentilesSayWhatIsExpected(String source) {
        ThresholdException e = assertThrows(ThresholdException.class, () -> ThresholdExpression.parse(source));
        assertTrue(e.getMessage().startsWith("invalid threshold expression \"" + source + "\": malformed percentile"),
                e.getMessage());
        assertTrue(e.getMessage().contains("expected p(N) with N a number from 0 to 100"), e.getMessage());
    }

    @Test
    void unitsOnTheNumberAreRefusedWithAnExample() {
        ThresholdException e = assertThrows(ThresholdException.class,
                () -> ThresholdExpression.parse("p(95)<200ms"));
        assertEquals("invalid threshold expression \"p(95)<200ms\": \"200ms\" after \"<\" is not a number;"
                + " expected a plain number without units, for example p(95)<200", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"avg<abc", "avg<1,5", "avg<1 000", "avg<0x10", "avg<1e400", "avg<<1", "avg<200<300",
            "avg==!=1", "avg<1d"})
    void rightHandSidesThatAreNotGoNumbersAreRefused(String source) {
        ThresholdException e = assertThrows(ThresholdException.class, () -> ThresholdExpression.parse(source));
        assertTrue(e.getMessage().contains("is not a number"), e.getMessage());
    }

    @Test
    void missingNumberIsNamed() {
        ThresholdException e = assertThrows(ThresholdException.class, () -> ThresholdExpression.parse("avg< "));
        assertEquals("invalid threshold expression \"avg< \": the number after \"<\" is missing;"
                + " expected <aggregation> <operator> <number>, for example \"p(95)<200\" or \"rate<0.01\"",
                e.getMessage());
    }

    @Test
    void missingAggregationIsNamed() {
        ThresholdException e = assertThrows(ThresholdException.class, () -> ThresholdExpression.parse(">=5"));
        assertTrue(e.getMessage().startsWith(
                "invalid threshold expression \">=5\": the aggregation method before \">=\" is missing"),
                e.getMessage());
    }

    @Test
    void operatorSearchOrderFollowsK6() {
        // k6 looks for "<" before ">", so this splits at "<" and the left side is then invalid.
        ThresholdException e = assertThrows(ThresholdException.class, () -> ThresholdExpression.parse("avg>1<2"));
        assertTrue(e.getMessage().contains("unknown aggregation method \"avg>1\""), e.getMessage());
    }

    @Test
    void infinityAndNanAreNumbersAsInGo() {
        assertTrue(ThresholdExpression.parse("avg<inf").evaluate(1e300));
        assertEquals(Double.NEGATIVE_INFINITY, ThresholdExpression.parse("avg>-Infinity").limit());
        assertTrue(Double.isNaN(ThresholdExpression.parse("avg!=NaN").limit()));
    }
}
