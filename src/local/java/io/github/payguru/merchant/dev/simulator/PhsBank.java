package io.github.payguru.merchant.dev.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Banks where Payguru holds PHS accounts. Codes {@code isbank} (id 4) and {@code yapikredibank} (id 3)
 * are seen in Payguru's documentation; the other codes and ids are the simulator's guesses.
 *
 * @param id Payguru's bank id
 * @param code Payguru's bank code (the {@code bank} parameter)
 * @param name display name
 */
public record PhsBank(int id, String code, String name) {

    static final Map<String, PhsBank> ALL = new LinkedHashMap<>();

    static {
        for (PhsBank b : new PhsBank[] {
                new PhsBank(1, "akbank", "Akbank"),
                new PhsBank(2, "garanti", "Garanti BBVA"),
                new PhsBank(3, "yapikredibank", "Yapı Kredi"),
                new PhsBank(4, "isbank", "Türkiye İş Bankası"),
                new PhsBank(5, "ing", "ING"),
                new PhsBank(6, "teb", "TEB"),
                new PhsBank(7, "ziraat", "Ziraat Bankası") }) {
            ALL.put(b.code, b);
        }
    }

    /** By code, or by id given as text (the documentation's own sample sends {@code bank=000}: unknown). */
    static Optional<PhsBank> find(String codeOrId) {
        if (codeOrId == null) {
            return Optional.empty();
        }
        PhsBank b = ALL.get(codeOrId);
        if (b != null) {
            return Optional.of(b);
        }
        return ALL.values().stream().filter(x -> Integer.toString(x.id).equals(codeOrId)).findFirst();
    }
}
