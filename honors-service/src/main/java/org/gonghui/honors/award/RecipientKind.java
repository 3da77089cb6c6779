package org.gonghui.honors.award;

/** Who receives an award: a person, a collective (a workplace team), or a post (a position held in a unit). */
public enum RecipientKind {
    INDIVIDUAL, COLLECTIVE, POST
}
