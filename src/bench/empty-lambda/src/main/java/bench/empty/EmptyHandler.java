package bench.empty;

import java.util.Map;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Answers every event with the same constant: the empty function of the cold-start baseline. */
@Named("empty")
public class EmptyHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Map<String, Object> OK = Map.of("statusCode", 200, "body", "OK");

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return OK;
    }
}
