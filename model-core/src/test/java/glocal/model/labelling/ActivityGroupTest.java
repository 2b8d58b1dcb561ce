package glocal.model.labelling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActivityGroupTest {

    @Test
    void everyWireCodeHasTheLowerCaseLabelOfItsGroupAndOtherCodesNone() {
        assertThat(ActivityGroup.label(0)).isEqualTo("new");
        assertThat(ActivityGroup.label(1)).isEqualTo("low");
        assertThat(ActivityGroup.label(2)).isEqualTo("high");
        assertThat(ActivityGroup.label(3)).isNull();
        assertThat(ActivityGroup.label(-1)).isNull();
        assertThat(ActivityGroup.HIGH.label()).isEqualTo("high");
    }
}
