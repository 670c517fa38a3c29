package dev.flows.log.channel;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.ConfigurationException;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"shop", "flows.dead-letter", "orders_v2", "a", "x123"})
    void shouldAcceptSafeNames(String name) {
        assertThatCode(() -> ChannelName.check(definition(name))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Shop", "1shop", ".hidden", "..", "a/b", "a\\b", "shop ", "café", "-x", "_x"})
    void shouldRefuseNamesThatAreNotSafePathComponents(String name) {
        assertThatThrownBy(() -> ChannelName.check(definition(name)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("shop.yaml:2:9: channel name '" + name + "' is not allowed")
                .hasMessageContaining("rename the channel");
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 129})
    void shouldLimitNamesTo128Characters(int length) {
        ChannelDefinition definition = definition("a".repeat(length));
        if (length == 128) {
            assertThatCode(() -> ChannelName.check(definition)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> ChannelName.check(definition)).isInstanceOf(ConfigurationException.class);
        }
    }

    private static ChannelDefinition definition(String name) {
        return new ChannelDefinition(name, 1, new SourceLocation("shop.yaml", 2, 9));
    }
}
