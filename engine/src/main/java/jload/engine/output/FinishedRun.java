package jload.engine.output;

import com.fasterxml.jackson.databind.JsonNode;

/** An output that also keeps the end of the run: the summary's data (k6's handleSummary data), before it is closed. */
interface FinishedRun {
    void finish(JsonNode summary);
}
